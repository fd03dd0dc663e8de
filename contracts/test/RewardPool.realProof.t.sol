// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {CredentialPredicate} from "../src/CredentialPredicate.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {CredentialKey, CredentialVerifier} from "../src/CredentialVerifier.sol";
import {Groth16Verifier} from "../src/Groth16Verifier.sol";
import {IGroth16Verifier} from "../src/interfaces/IGroth16Verifier.sol";
import {IssuerRegistry} from "../src/IssuerRegistry.sol";
import {RewardPool} from "../src/RewardPool.sol";
import {PoseidonT5} from "poseidon-solidity/PoseidonT5.sol";
import {PoseidonT6} from "poseidon-solidity/PoseidonT6.sol";
import {RewardToken} from "../src/RewardToken.sol";
import {SIGNAL_COUNT, SignalIndex} from "../src/SignalIndex.sol";
import {TestableRewardPool} from "./mocks/TestableRewardPool.sol";
import {Test} from "./utils/Test.sol";
import {console} from "./utils/console.sol";

/// @notice RewardPool with the generated CredentialVerifier and real proofs made by the SDK, single
///         and batched, checked against snarkjs' own exported verifier.
/// @dev Proofs come from test/fixtures/claim.json (one) and batch.json (16 holders, one campaign),
///      see test/fixtures/README.md. Without them every test here is skipped with a message saying
///      how to make them. The proofs bind the nullifier scope they were made for, so the campaign
///      here is created on a TestableRewardPool with that scope pinned.
contract RewardPoolRealProofTest is Test {
    string internal constant FIXTURE = "test/fixtures/claim.json";
    string internal constant BATCH_FIXTURE = "test/fixtures/batch.json";
    uint256 internal constant REWARD = 5 ether;

    address internal owner = vm.addr(1);
    address internal merchant = vm.addr(2);
    address internal relayer = vm.addr(3);
    address internal attacker = vm.addr(666);

    bool internal fixtureFound;
    TestableRewardPool internal pool;
    RewardToken internal token;
    CredentialVerifier internal verifier;
    Groth16Verifier internal snarkjsVerifier;
    uint256 internal campaignId;
    IGroth16Verifier.Proof internal proof;
    IGroth16Verifier.Proof[] internal batch;
    address[] internal batchRecipients;
    address internal recipient;
    string internal claimJson;

    function setUp() public {
        fixtureFound = vm.exists(FIXTURE) && vm.exists(BATCH_FIXTURE);
        if (!fixtureFound) return;
        string memory json = vm.readFile(FIXTURE);
        claimJson = json;
        proof = _readProof(json, "");
        recipient = vm.parseJsonAddress(json, ".recipient");
        require(
            recipient == address(uint160(proof.signals[SignalIndex.RECIPIENT_AND_TIME])), "fixture: recipient differs"
        );
        string memory batchJson = vm.readFile(BATCH_FIXTURE);
        for (uint256 i = 0; i < 16; i++) {
            string memory path = string.concat(".claims[", vm.toString(i), "]");
            batch.push(_readProof(batchJson, path));
            batchRecipients.push(vm.parseJsonAddress(batchJson, string.concat(path, ".recipient")));
        }

        token = new RewardToken(owner);
        IssuerRegistry registry = new IssuerRegistry(owner);
        verifier = new CredentialVerifier();
        snarkjsVerifier = new Groth16Verifier();
        pool = new TestableRewardPool(verifier, registry, token);
        uint256 issuerKeyHash = vm.parseJsonUint(json, ".campaign.issuerKeyHash");
        vm.startPrank(owner);
        registry.registerIssuer(owner, "Fixture issuer", issuerKeyHash, 1, 2);
        token.mint(merchant, 100 * REWARD);
        vm.stopPrank();
        vm.prank(merchant);
        token.approve(address(pool), type(uint256).max);

        // Be at the proof's time, or the campaign's start if that is later (still a fresh proof).
        uint256 proofTime = proof.signals[SignalIndex.RECIPIENT_AND_TIME] >> SignalIndex.RECIPIENT_BITS;
        uint256 start = vm.parseJsonUint(json, ".campaign.start");
        vm.warp(start > proofTime ? start : proofTime);

        pool.pinScope(vm.parseJsonUint(json, ".campaign.scope"));
        uint256[] memory issuers = new uint256[](1);
        issuers[0] = issuerKeyHash;
        vm.prank(merchant);
        campaignId = pool.createCampaign(
            RewardPool.CampaignParams({
                token: token,
                rewardPerClaim: REWARD,
                budget: 100 * REWARD,
                start: SafeCast.toUint40(start),
                end: SafeCast.toUint40(vm.parseJsonUint(json, ".campaign.end")),
                salt: bytes32(0),
                predicate: _fixturePredicate(),
                merchantScope: vm.parseJsonUint(json, ".campaign.merchantScope"),
                issuerKeyHashes: issuers,
                metadata: ""
            })
        );
    }

    function _fixturePredicate() internal view returns (CredentialPredicate.Predicate memory) {
        return CredentialPredicate.Predicate({
            attributeId: vm.parseJsonUint(claimJson, ".campaign.attributeId"),
            operator: vm.parseJsonUint(claimJson, ".campaign.operator"),
            operandA: vm.parseJsonUint(claimJson, ".campaign.operandA"),
            operandB: vm.parseJsonUint(claimJson, ".campaign.operandB"),
            setHash: vm.parseJsonUint(claimJson, ".campaign.setHash")
        });
    }

    /// @notice The pool's Poseidon (poseidon-solidity) gives the circuit's statement hash, which the
    ///         SDK computed with circomlibjs and the proof carries as signal 0: the campaign created
    ///         from the predicate alone pays this real proof.
    function test_realProof_onChainStatementHashIsTheCircuits() public {
        if (_skipWithoutFixture()) return;
        uint256 expected = vm.parseJsonUint(claimJson, ".campaign.statementHash");
        assertEq(expected, proof.signals[SignalIndex.STATEMENT_HASH], "fixture: statement is signal 0");
        uint256 computed = pool.statementHashOf(
            _fixturePredicate(),
            vm.parseJsonUint(claimJson, ".campaign.issuerKeyHash"),
            vm.parseJsonUint(claimJson, ".campaign.merchantScope"),
            vm.parseJsonUint(claimJson, ".campaign.scope")
        );
        assertEq(computed, expected, "poseidon-solidity = circomlibjs");
        assertEq(pool.statementCampaign(expected), campaignId, "the created campaign owns it");
        assertEq(PoseidonT6.hash([uint256(1), 2, 3, 4, 5]), vm.parseJsonUint(claimJson, ".poseidon.t6_1_2_3_4_5"));
        assertEq(PoseidonT5.hash([uint256(1), 2, 3, 4]), vm.parseJsonUint(claimJson, ".poseidon.t5_1_2_3_4"));
    }

    function test_realProof_verifiersAgree() public {
        if (_skipWithoutFixture()) return;
        assertTrue(snarkjsVerifier.verifyProof(proof.a, proof.b, proof.c, proof.signals), "snarkjs accepts");
        assertTrue(verifier.verifyProof(proof.a, proof.b, proof.c, proof.signals), "generated accepts");
        uint256 gasBefore = gasleft();
        verifier.verifyProof(proof.a, proof.b, proof.c, proof.signals);
        console.log("verifyProof gas (generated verifier, call only):", gasBefore - gasleft());
        gasBefore = gasleft();
        snarkjsVerifier.verifyProof(proof.a, proof.b, proof.c, proof.signals);
        console.log("verifyProof gas (snarkjs verifier, call only):", gasBefore - gasleft());
        for (uint256 j = 0; j < SIGNAL_COUNT; j++) {
            uint256[SIGNAL_COUNT] memory s = proof.signals;
            s[j] = s[j] + 1;
            assertFalse(verifier.verifyProof(proof.a, proof.b, proof.c, s), "a changed signal is refused");
            assertFalse(snarkjsVerifier.verifyProof(proof.a, proof.b, proof.c, s), "snarkjs agrees");
        }
        uint256[SIGNAL_COUNT] memory aliased = proof.signals;
        aliased[SignalIndex.NULLIFIER] += 21888242871839275222246405745257275088548364400416034343698204186575808495617;
        assertFalse(verifier.verifyProof(proof.a, proof.b, proof.c, aliased), "a signal + r is refused");
    }

    function test_realProof_paysRecipientOnce() public {
        if (_skipWithoutFixture()) return;
        vm.prank(relayer);
        uint256 gasBefore = gasleft();
        pool.claim(campaignId, proof.a, proof.b, proof.c, proof.signals);
        // The call's execution gas; a transaction adds 21,000 and its calldata.
        console.log("claim gas, real verifier, execution only:", gasBefore - gasleft());

        assertEq(token.balanceOf(recipient), REWARD, "recipient paid");
        assertEq(token.balanceOf(relayer), 0, "relayer not paid");
        assertTrue(pool.nullifierUsed(proof.signals[SignalIndex.NULLIFIER]), "nullifier spent");
    }

    function test_realProof_doubleClaimReverts() public {
        if (_skipWithoutFixture()) return;
        _claimAs(relayer, proof.signals);
        vm.expectRevert(abi.encodeWithSelector(RewardPool.NullifierUsed.selector, proof.signals[SignalIndex.NULLIFIER]));
        _claimAs(recipient, proof.signals);
        assertEq(token.balanceOf(recipient), REWARD, "paid once");
    }

    function test_realProof_frontRunnerCannotRedirectReward() public {
        if (_skipWithoutFixture()) return;
        uint256[SIGNAL_COUNT] memory stolen = proof.signals;
        stolen[SignalIndex.RECIPIENT_AND_TIME] = _withRecipient(stolen[SignalIndex.RECIPIENT_AND_TIME], attacker);
        vm.expectRevert(RewardPool.InvalidProof.selector);
        _claimAs(attacker, stolen);
        assertEq(token.balanceOf(attacker), 0, "attacker got nothing");

        _claimAs(relayer, proof.signals); // the honest claim still goes through
        assertEq(token.balanceOf(recipient), REWARD, "recipient paid");
    }

    function test_realProof_freshNullifierCannotBeForged() public {
        if (_skipWithoutFixture()) return;
        _claimAs(relayer, proof.signals);
        uint256[SIGNAL_COUNT] memory forged = proof.signals;
        forged[SignalIndex.NULLIFIER] += 1; // try to claim a second time under a new nullifier
        vm.expectRevert(RewardPool.InvalidProof.selector);
        _claimAs(relayer, forged);
    }

    function test_realProof_proofTimeCannotBeRefreshed() public {
        if (_skipWithoutFixture()) return;
        vm.warp(block.timestamp + pool.MAX_PROOF_AGE() + 1);
        uint256[SIGNAL_COUNT] memory refreshed = proof.signals;
        refreshed[SignalIndex.RECIPIENT_AND_TIME] =
            uint256(uint160(recipient)) | (block.timestamp << SignalIndex.RECIPIENT_BITS); // pretend the old proof is new
        vm.expectRevert(RewardPool.InvalidProof.selector);
        _claimAs(relayer, refreshed);
    }

    /// The pool starts vk_x from the statement's stored term, CredentialKey.firstTerm of signal 0: the
    /// statement hash must stay signal 0, and the stored term gives the same answer as the full check.
    function test_realProof_statementTermIsSignalZero() public {
        if (_skipWithoutFixture()) return;
        assertEq(SignalIndex.STATEMENT_HASH, 0, "firstTerm covers signal 0: the statement hash");
        (bool ok, uint256 x, uint256 y) = CredentialKey.firstTerm(proof.signals[SignalIndex.STATEMENT_HASH]);
        assertTrue(ok, "term computed");
        assertTrue(this.verifyFromTerm(x, y, proof), "term + the other signals verify");
        assertFalse(this.verifyFromTerm(x, y + 1, proof), "another term does not");
        (ok,,) = CredentialKey.firstTerm(21888242871839275222246405745257275088548364400416034343698204186575808495617);
        assertFalse(ok, "no term for a hash outside the field");
    }

    /// @dev External so the proof is calldata, as in the pool.
    function verifyFromTerm(uint256 x, uint256 y, IGroth16Verifier.Proof calldata p) external view returns (bool) {
        return CredentialKey.verifyFrom(x, y, p.a, p.b, p.c, p.signals);
    }

    /// The pool's inline check (CredentialKey.verifyFrom) refuses x + r as it refuses x: a nullifier
    /// cannot be spent twice under two numbers.
    function test_realProof_inlineCheckRefusesAliasedSignal() public {
        if (_skipWithoutFixture()) return;
        uint256[SIGNAL_COUNT] memory aliased = proof.signals;
        aliased[SignalIndex.NULLIFIER] += 21888242871839275222246405745257275088548364400416034343698204186575808495617;
        vm.expectRevert(RewardPool.InvalidProof.selector);
        _claimAs(relayer, aliased);
        _claimAs(relayer, proof.signals); // the honest claim still goes through
        assertEq(token.balanceOf(recipient), REWARD, "recipient paid");
    }

    function test_realProof_malformedPointsRefused() public {
        if (_skipWithoutFixture()) return;
        uint256[2] memory notOnCurve = [uint256(1), uint256(3)];
        vm.expectRevert(RewardPool.InvalidProof.selector);
        vm.prank(relayer);
        pool.claim(campaignId, notOnCurve, proof.b, proof.c, proof.signals);
        uint256[2] memory outsideField =
            [proof.a[0], proof.a[1] + 21888242871839275222246405745257275088696311157297823662689037894645226208583];
        vm.expectRevert(RewardPool.InvalidProof.selector);
        vm.prank(relayer);
        pool.claim(campaignId, outsideField, proof.b, proof.c, proof.signals);
    }

    // --- batches ------------------------------------------------------------------------------------

    function test_realBatch_verifierAcceptsAllAndEverySubset() public {
        if (_skipWithoutFixture()) return;
        IGroth16Verifier.Proof[] memory proofs = batch;
        assertTrue(verifier.verifyBatch(proofs, type(uint256).max), "all 16");
        assertTrue(verifier.verifyBatch(proofs, 1), "first only");
        assertTrue(verifier.verifyBatch(proofs, 0xa5a5), "a subset");
        assertFalse(verifier.verifyBatch(proofs, 0), "nothing selected");
        for (uint256 i = 0; i < 16; i++) {
            assertTrue(
                snarkjsVerifier.verifyProof(proofs[i].a, proofs[i].b, proofs[i].c, proofs[i].signals), "each valid"
            );
        }
    }

    function test_realBatch_oneBadProofFailsTheBatch() public {
        if (_skipWithoutFixture()) return;
        for (uint256 bad = 0; bad < 16; bad += 5) {
            IGroth16Verifier.Proof[] memory proofs = batch;
            proofs[bad].signals[SignalIndex.RECIPIENT_AND_TIME] =
                _withRecipient(proofs[bad].signals[SignalIndex.RECIPIENT_AND_TIME], attacker);
            assertFalse(verifier.verifyBatch(proofs, type(uint256).max), "a redirected claim breaks the batch");
            assertTrue(verifier.verifyBatch(proofs, type(uint256).max ^ (1 << bad)), "the others alone pass");
            proofs = batch;
            (proofs[bad].a, proofs[(bad + 1) % 16].a) = (proofs[(bad + 1) % 16].a, proofs[bad].a);
            assertFalse(verifier.verifyBatch(proofs, type(uint256).max), "swapped A points break the batch");
        }
    }

    /// Two invalid proofs whose errors cancel in a plain sum (C_0 + G, C_1 - G) pass an unweighted
    /// batch check; the random weights make them fail.
    function test_realBatch_cancellingForgeriesFail() public {
        if (_skipWithoutFixture()) return;
        IGroth16Verifier.Proof[] memory proofs = new IGroth16Verifier.Proof[](2);
        proofs[0] = batch[0];
        proofs[1] = batch[1];
        uint256 q = 21888242871839275222246405745257275088696311157297823662689037894645226208583;
        proofs[0].c = _ecAdd(proofs[0].c, [uint256(1), uint256(2)]); // + G
        proofs[1].c = _ecAdd(proofs[1].c, [uint256(1), q - 2]); // - G
        assertFalse(verifier.verifyProof(proofs[0].a, proofs[0].b, proofs[0].c, proofs[0].signals), "forged 0");
        assertFalse(verifier.verifyProof(proofs[1].a, proofs[1].b, proofs[1].c, proofs[1].signals), "forged 1");
        assertFalse(verifier.verifyBatch(proofs, 3), "the weighted batch refuses the pair");
    }

    function _ecAdd(uint256[2] memory p, uint256[2] memory r) internal view returns (uint256[2] memory out) {
        (bool ok, bytes memory data) = address(6).staticcall(abi.encode(p[0], p[1], r[0], r[1]));
        require(ok, "ecAdd failed");
        (out[0], out[1]) = abi.decode(data, (uint256, uint256));
    }

    function test_realBatch_paysSixteenAndMeasuresGas() public {
        if (_skipWithoutFixture()) return;
        (uint256[] memory ids, IGroth16Verifier.Proof[] memory proofs) = _batchCall();
        vm.prank(relayer);
        uint256 gasBefore = gasleft();
        uint256 paid = pool.claimBatch(ids, proofs);
        uint256 used = gasBefore - gasleft();
        console.log("claimBatch(16) gas, execution only:", used);
        console.log("per claim, execution only:", used / 16);
        assertEq(paid, 16);
        for (uint256 i = 0; i < 16; i++) {
            assertEq(token.balanceOf(batchRecipients[i]), REWARD, "each recipient paid");
        }
    }

    function test_realBatch_redirectedClaimRevertsTheBatch() public {
        if (_skipWithoutFixture()) return;
        (uint256[] memory ids, IGroth16Verifier.Proof[] memory proofs) = _batchCall();
        proofs[7].signals[SignalIndex.RECIPIENT_AND_TIME] =
            _withRecipient(proofs[7].signals[SignalIndex.RECIPIENT_AND_TIME], attacker);
        vm.expectRevert(RewardPool.InvalidProof.selector);
        vm.prank(relayer);
        pool.claimBatch(ids, proofs);
        assertEq(token.balanceOf(attacker), 0, "attacker got nothing");
    }

    function test_realBatch_usedNullifierSkippedOthersPaid() public {
        if (_skipWithoutFixture()) return;
        (uint256[] memory ids, IGroth16Verifier.Proof[] memory proofs) = _batchCall();
        vm.prank(relayer);
        pool.claim(campaignId, proofs[3].a, proofs[3].b, proofs[3].c, proofs[3].signals);
        vm.prank(relayer);
        assertEq(pool.claimBatch(ids, proofs), 15, "the already-paid claim is skipped");
        assertEq(token.balanceOf(batchRecipients[3]), REWARD, "paid once");
    }

    function _batchCall() internal view returns (uint256[] memory ids, IGroth16Verifier.Proof[] memory proofs) {
        proofs = batch;
        ids = new uint256[](proofs.length);
        for (uint256 i = 0; i < ids.length; i++) {
            ids[i] = campaignId;
        }
    }

    function _claimAs(address sender, uint256[SIGNAL_COUNT] memory publicSignals) internal {
        vm.prank(sender);
        pool.claim(campaignId, proof.a, proof.b, proof.c, publicSignals);
    }

    function _withRecipient(uint256 recipientAndTime, address to) internal pure returns (uint256) {
        return (recipientAndTime >> SignalIndex.RECIPIENT_BITS << SignalIndex.RECIPIENT_BITS) | uint256(uint160(to));
    }

    function _readProof(string memory json, string memory path)
        internal
        pure
        returns (IGroth16Verifier.Proof memory p)
    {
        uint256[] memory pa = vm.parseJsonUintArray(json, string.concat(path, ".proof.a"));
        uint256[] memory pb0 = vm.parseJsonUintArray(json, string.concat(path, ".proof.b[0]"));
        uint256[] memory pb1 = vm.parseJsonUintArray(json, string.concat(path, ".proof.b[1]"));
        uint256[] memory pc = vm.parseJsonUintArray(json, string.concat(path, ".proof.c"));
        uint256[] memory ps = vm.parseJsonUintArray(json, string.concat(path, ".signals"));
        require(pa.length == 2 && pb0.length == 2 && pb1.length == 2 && pc.length == 2, "fixture: bad proof shape");
        require(ps.length == SIGNAL_COUNT, "fixture: signal count differs from SignalIndex");
        p.a = [pa[0], pa[1]];
        p.b = [[pb0[0], pb0[1]], [pb1[0], pb1[1]]];
        p.c = [pc[0], pc[1]];
        for (uint256 i = 0; i < SIGNAL_COUNT; i++) {
            p.signals[i] = ps[i];
        }
    }

    /// @dev Marks the test skipped (with the reason in forge's output) when there is no fixture.
    function _skipWithoutFixture() internal returns (bool) {
        if (fixtureFound) return false;
        string memory reason =
            "no test/fixtures/claim.json or batch.json: run `npm run fixtures:contracts` (see test/fixtures/README.md)";
        console.log(reason);
        vm.skip(true, reason);
        return true;
    }
}
