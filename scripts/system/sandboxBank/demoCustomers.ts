// The sandbox bank's demo customers: made-up people, deterministic transactions. SANDBOX ONLY.

export type SandboxTransaction = {
  transactionId: string;
  bookingDate: string;
  /** Euros with two decimals; positive = money in. */
  amount: string;
  counterparty: string;
  remittance: string;
};

export type SandboxAccount = {
  resourceId: string;
  iban: string;
  name: string;
  product: string;
  balance: string;
  transactions: SandboxTransaction[];
};

export type SandboxCustomer = {
  /** Online-banking login (sandbox: printed by `npm start`). */
  username: string;
  password: string;
  name: string;
  /** Sandbox extension standing in for the bank's KYC record (AIS itself has no birth date). */
  dateOfBirth: string;
  accounts: SandboxAccount[];
};

/** Monthly salary in and rent out from `since` (YYYY-MM) up to `until` (YYYY-MM), newest last. */
function monthly(params: {
  prefix: string;
  since: string;
  until: string;
  salary: number;
  employer: string;
  rent: number;
}): SandboxTransaction[] {
  const out: SandboxTransaction[] = [];
  let [year, month] = params.since.split('-').map(Number) as [number, number];
  const [endYear, endMonth] = params.until.split('-').map(Number) as [number, number];
  let n = 0;
  while (year < endYear || (year === endYear && month <= endMonth)) {
    const ym = `${year}-${String(month).padStart(2, '0')}`;
    out.push({
      transactionId: `${params.prefix}-${++n}`,
      bookingDate: `${ym}-25`,
      amount: params.salary.toFixed(2),
      counterparty: params.employer,
      remittance: `Salary ${ym}`,
    });
    out.push({
      transactionId: `${params.prefix}-${++n}`,
      bookingDate: `${ym}-01`,
      amount: (-params.rent).toFixed(2),
      counterparty: 'Hausverwaltung',
      remittance: `Rent ${ym}`,
    });
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return out;
}

export function demoCustomers(today = new Date()): SandboxCustomer[] {
  const until = today.toISOString().slice(0, 7);
  return [
    {
      username: 'alice',
      password: 'sandbox-alice',
      name: 'Alice Sandbox',
      dateOfBirth: '1990-04-12',
      accounts: [
        {
          resourceId: 'acc-alice-1',
          iban: 'DE89370400440532013000',
          name: 'Girokonto',
          product: 'Girokonto',
          balance: '5230.17',
          transactions: monthly({
            prefix: 'a1',
            since: '2015-03',
            until,
            salary: 4200,
            employer: 'Acme GmbH',
            rent: 1100,
          }),
        },
      ],
    },
    {
      username: 'bram',
      password: 'sandbox-bram',
      name: 'Bram Sandbox',
      dateOfBirth: '2010-09-30',
      accounts: [
        {
          resourceId: 'acc-bram-1',
          iban: 'NL91ABNA0417164300',
          name: 'Jongerenrekening',
          product: 'Youth account',
          balance: '312.40',
          transactions: monthly({
            prefix: 'b1',
            since: '2023-01',
            until,
            salary: 150,
            employer: 'Krantenwijk',
            rent: 0,
          }),
        },
      ],
    },
    {
      username: 'chloe',
      password: 'sandbox-chloe',
      name: 'Chloé Sandbox',
      dateOfBirth: '1958-01-20',
      accounts: [
        {
          resourceId: 'acc-chloe-1',
          iban: 'FR1420041010050500013M02606',
          name: 'Compte courant',
          product: 'Compte courant',
          balance: '18230.00',
          transactions: monthly({
            prefix: 'c1',
            since: '2001-06',
            until,
            salary: 2100,
            employer: 'Caisse de retraite',
            rent: 700,
          }),
        },
      ],
    },
  ];
}
