pragma circom 2.1.9;

// Credential circuit v3: one issuer-signed attribute, one predicate over it, four public signals.
// Proves: the issuer signed (subject, attribute, value, validity, nonce); the credential is valid
// at `now`; the value satisfies `operator` with the operands; and derives the per-merchant
// pseudonym and the nullifier from the holder secret, which stays private.
//
// Every input is private. The public signals are the four outputs, in this order (snarkjs puts
// outputs first; sdk/src/protocol/publicSignals.ts is the TypeScript side of the same layout):
//   0 statementHash    = Poseidon(predicateHash, issuerKeyHash, merchantScope, nullifierScope),
//                        predicateHash = Poseidon(attributeId, operator, operandA, operandB, setHash)
//                        what a campaign or a request fixes in advance; verifiers recompute it (the
//                        RewardPool too: two hashes of at most five inputs, which Solidity Poseidon
//                        libraries provide).
//   1 nullifier        = Poseidon(NULLIFIER_TAG, holderSecret, nullifierScope): one answer per scope.
//   2 recipientAndTime = recipient + now * 2^160, recipient < 2^160 and now < 2^64 checked here,
//                        so a contract unpacks both with a mask and a shift.
//   3 contextHash      = Poseidon(pseudonym, requestHash), pseudonym = Poseidon(PSEUDONYM_TAG,
//                        holderSecret, merchantScope): the merchant recomputes it from the bundle's
//                        pseudonym.
// v3 (issue 21): the constant tags keep a nullifier and a pseudonym apart even for equal scopes
// (v2 hashed both as Poseidon(holderSecret, scope)); a range predicate needs operandA <= operandB
// (v2 accepted notBetween with swapped bounds, which holds for every value).
// Each public input costs a verifier one G1 scalar multiplication (≈ 6.2k gas on-chain); v1 had 13.
// Operator codes are mirrored in sdk/src/protocol/operators.ts.

include "circomlib/circuits/poseidon.circom";
include "circomlib/circuits/eddsaposeidon.circom";
include "circomlib/circuits/comparators.circom";
include "circomlib/circuits/bitify.circom";

// The domain tags: ASCII "decdp:nullifier:v3" and "decdp:pseudonym:v3" read as big-endian integers
// (sdk/src/protocol/publicSignals.ts has the same numbers).
function NULLIFIER_TAG() { return 0x64656364703a6e756c6c69666965723a7633; }
function PSEUDONYM_TAG() { return 0x64656364703a70736575646f6e796d3a7633; }

template CredentialPredicate(SET_SIZE, OPERATOR_COUNT) {
    // ---- the credential and the holder's secret
    signal input holderSecret;
    signal input value;
    signal input issuedAt;
    signal input expiresAt;
    signal input credentialNonce;
    signal input issuerAx;
    signal input issuerAy;
    signal input signatureS;
    signal input signatureR8x;
    signal input signatureR8y;

    // ---- the statement (hashed into statementHash)
    signal input attributeId;
    signal input operator;
    signal input operandA;
    signal input operandB;
    // the request's set for in / notIn; padded by repeating its first element
    signal input set[SET_SIZE];
    signal input merchantScope;  // pseudonym domain, e.g. the merchant's address
    signal input nullifierScope; // one answer per scope, e.g. a campaign's scope

    // ---- the context (packed into recipientAndTime and contextHash)
    signal input now;            // unix seconds the prover claims; verifiers check it is recent
    signal input recipient;      // reward recipient (an address): binding it stops front-running
    signal input requestHash;    // binds the proof to one signed request

    // ---- the public signals
    signal output statementHash;
    signal output nullifier;
    signal output recipientAndTime;
    signal output contextHash;

    // 1. The issuer's signature over the credential, for this holder.
    component subject = Poseidon(1);
    subject.inputs[0] <== holderSecret;

    component message = Poseidon(6);
    message.inputs[0] <== subject.out;
    message.inputs[1] <== attributeId;
    message.inputs[2] <== value;
    message.inputs[3] <== issuedAt;
    message.inputs[4] <== expiresAt;
    message.inputs[5] <== credentialNonce;

    component signature = EdDSAPoseidonVerifier();
    signature.enabled <== 1;
    signature.Ax <== issuerAx;
    signature.Ay <== issuerAy;
    signature.S <== signatureS;
    signature.R8x <== signatureR8x;
    signature.R8y <== signatureR8y;
    signature.M <== message.out;

    component issuerHash = Poseidon(2);
    issuerHash.inputs[0] <== issuerAx;
    issuerHash.inputs[1] <== issuerAy;

    // 2. Validity window: issuedAt <= now < expiresAt, all 64-bit.
    component nowBits = Num2Bits(64);
    nowBits.in <== now;
    component issuedBits = Num2Bits(64);
    issuedBits.in <== issuedAt;
    component expiresBits = Num2Bits(64);
    expiresBits.in <== expiresAt;
    component notYetValid = LessThan(64);
    notYetValid.in[0] <== now;
    notYetValid.in[1] <== issuedAt;
    notYetValid.out === 0;
    component alive = LessThan(64);
    alive.in[0] <== now;
    alive.in[1] <== expiresAt;
    alive.out === 1;

    // 3. The predicate. Exactly one operator flag is set.
    signal isOp[OPERATOR_COUNT + 1];
    component opEq[OPERATOR_COUNT + 1];
    var opSum = 0;
    isOp[0] <== 0;
    for (var k = 1; k <= OPERATOR_COUNT; k++) {
        opEq[k] = IsEqual();
        opEq[k].in[0] <== operator;
        opEq[k].in[1] <== k;
        isOp[k] <== opEq[k].out;
        opSum += isOp[k];
    }
    opSum === 1;

    // Order comparisons only run on 64-bit values (a larger one fails Num2Bits(64): no wrap-around
    // in the field); equality and set membership take any field element (e.g. a hashed string).
    // Masking keeps the range checks off for those.
    signal isOrdered <== isOp[3] + isOp[4] + isOp[5] + isOp[6] + isOp[7] + isOp[8];
    signal isRange <== isOp[7] + isOp[8];
    signal maskedValue <== value * isOrdered;
    signal maskedA <== operandA * isOrdered;
    signal maskedB <== operandB * isRange;
    component valueBits = Num2Bits(64);
    valueBits.in <== maskedValue;
    component aBits = Num2Bits(64);
    aBits.in <== maskedA;
    component bBits = Num2Bits(64);
    bBits.in <== maskedB;

    component belowA = LessThan(64);   // value < a
    belowA.in[0] <== maskedValue;
    belowA.in[1] <== maskedA;
    component aboveA = LessThan(64);   // value > a
    aboveA.in[0] <== maskedA;
    aboveA.in[1] <== maskedValue;
    component aboveB = LessThan(64);   // value > b
    aboveB.in[0] <== maskedB;
    aboveB.in[1] <== maskedValue;
    // between and notBetween need a <= b: with b < a, notBetween would hold for every value.
    component boundsSwapped = LessThan(64);   // b < a
    boundsSwapped.in[0] <== maskedB;
    boundsSwapped.in[1] <== maskedA;
    boundsSwapped.out * isRange === 0;
    component equalsA = IsEqual();
    equalsA.in[0] <== value;
    equalsA.in[1] <== operandA;

    component equalsMember[SET_SIZE];
    signal notMemberSoFar[SET_SIZE + 1];
    notMemberSoFar[0] <== 1;
    for (var i = 0; i < SET_SIZE; i++) {
        equalsMember[i] = IsEqual();
        equalsMember[i].in[0] <== value;
        equalsMember[i].in[1] <== set[i];
        notMemberSoFar[i + 1] <== notMemberSoFar[i] * (1 - equalsMember[i].out);
    }
    signal isMember <== 1 - notMemberSoFar[SET_SIZE];
    signal inRange <== (1 - belowA.out) * (1 - aboveB.out);

    // result[k] is the predicate's truth under operator k.
    signal result[OPERATOR_COUNT + 1];
    result[0] <== 0;
    result[1] <== equalsA.out;        // eq
    result[2] <== 1 - equalsA.out;    // ne
    result[3] <== belowA.out;         // lt
    result[4] <== 1 - aboveA.out;     // lte
    result[5] <== aboveA.out;         // gt
    result[6] <== 1 - belowA.out;     // gte
    result[7] <== inRange;            // between (inclusive)
    result[8] <== 1 - inRange;        // notBetween
    result[9] <== isMember;           // in
    result[10] <== 1 - isMember;      // notIn
    result[11] <== 1;                 // exists
    signal selected[OPERATOR_COUNT + 1];
    var holds = 0;
    for (var k = 1; k <= OPERATOR_COUNT; k++) {
        selected[k] <== isOp[k] * result[k];
        holds += selected[k];
    }
    holds === 1;

    component setHasher = Poseidon(SET_SIZE);
    for (var i = 0; i < SET_SIZE; i++) {
        setHasher.inputs[i] <== set[i];
    }

    // 4. The public signals.
    component predicate = Poseidon(5);
    predicate.inputs[0] <== attributeId;
    predicate.inputs[1] <== operator;
    predicate.inputs[2] <== operandA;
    predicate.inputs[3] <== operandB;
    predicate.inputs[4] <== setHasher.out;
    component statement = Poseidon(4);
    statement.inputs[0] <== predicate.out;
    statement.inputs[1] <== issuerHash.out;
    statement.inputs[2] <== merchantScope;
    statement.inputs[3] <== nullifierScope;
    statementHash <== statement.out;

    component nullifierHash = Poseidon(3);
    nullifierHash.inputs[0] <== NULLIFIER_TAG();
    nullifierHash.inputs[1] <== holderSecret;
    nullifierHash.inputs[2] <== nullifierScope;
    nullifier <== nullifierHash.out;

    // recipient < 2^160 and now < 2^64 (nowBits above): the packing is unique and below the field.
    component recipientBits = Num2Bits(160);
    recipientBits.in <== recipient;
    recipientAndTime <== recipient + now * (1 << 160);

    component pseudonymHash = Poseidon(3);
    pseudonymHash.inputs[0] <== PSEUDONYM_TAG();
    pseudonymHash.inputs[1] <== holderSecret;
    pseudonymHash.inputs[2] <== merchantScope;
    component context = Poseidon(2);
    context.inputs[0] <== pseudonymHash.out;
    context.inputs[1] <== requestHash;
    contextHash <== context.out;
}

component main = CredentialPredicate(10, 11);
