// An auditor (a regulator, the merchant's DPO) checks that a merchant's store keeps light records
// only: no column that could hold an attribute value, no record that is more than a proof's
// outcome. Exit code 0 when the report has no errors. `DATABASE_URL=merchant.sqlite node audit.ts`
import { scanMerchantStore } from '@decdp/sdk/auditor';
import { openStore } from '@decdp/sdk/merchant/node';

const store = await openStore({ db: process.env.DATABASE_URL ?? 'merchant.sqlite' });
try {
  const report = await scanMerchantStore({ store });
  for (const finding of report.findings) console.log(`${finding.severity}: ${finding.message}`);
  console.log(`${report.subject}: ${report.checked} checked, ${report.ok ? 'ok' : 'NOT OK'}`);
  process.exitCode = report.ok ? 0 : 1;
} finally {
  await store.close();
}
