// An issuer (a bank, a government app, a loyalty programme) signs one attribute credential for a
// holder. The holder's wallet sends only a commitment to its secret; the issuer never learns the
// secret and never sees where the credential is used. Prints the credential (JSON) on stdout, to
// put in the holder's pod. `ISSUER_KEY=0x… SUBJECT_COMMITMENT=123… node issue.ts`
import { createIssuerKey, issueCredential } from '@decdp/sdk/issuer';

const issuer = await createIssuerKey({ privateKey: process.env.ISSUER_KEY }); // keep the key in your HSM / vault
const credential = await issueCredential({
  issuer: { ...issuer, name: 'Example Bank' },
  subjectCommitment: BigInt(process.env.SUBJECT_COMMITMENT as string), // from the holder's wallet
  attribute: 'age',
  value: Number(process.env.AGE ?? 34),
  expiresAt: Math.floor(Date.now() / 1000) + 365 * 86_400,
});
// Merchants trust an issuer by this hash (trustedIssuers); publish it with the issuer's name.
console.error(`issuer key hash ${issuer.keyHash}`);
console.log(JSON.stringify(credential));
