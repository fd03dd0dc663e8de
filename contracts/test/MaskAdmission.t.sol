// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Semaphore} from "@semaphore-protocol/contracts/Semaphore.sol";
import {ISemaphore} from "@semaphore-protocol/contracts/interfaces/ISemaphore.sol";
import {ISemaphoreVerifier} from "@semaphore-protocol/contracts/interfaces/ISemaphoreVerifier.sol";
import {CredentialPredicate} from "../src/CredentialPredicate.sol";
import {IGroth16Verifier} from "../src/interfaces/IGroth16Verifier.sol";
import {IIssuerRegistry} from "../src/interfaces/IIssuerRegistry.sol";
import {IssuerRegistry} from "../src/IssuerRegistry.sol";
import {MaskRegistry} from "../src/MaskRegistry.sol";
import {SignalIndex} from "../src/SignalIndex.sol";
import {Test} from "./utils/Test.sol";

/// Joins never check a Semaphore proof; contributions are tested in MaskRegistry.t.sol.
contract NoSemaphoreProofs is ISemaphoreVerifier {
    function verifyProof(uint256[2] calldata, uint256[2][2] calldata, uint256[2] calldata, uint256[4] calldata, uint256)
        external
        pure
        returns (bool)
    {
        return false;
    }
}

/// @notice MaskRegistry.joinWithAdmission with a real admission proof (the SDK's proveMaskAdmission,
///         test/fixtures/maskAdmission.json: age >= 18, mask `adults`): the chain itself checks the
///         admission, so nobody — the account that sends the transaction included — adds a member
///         without a valid proof for this mask and this commitment, from an issuer trusted now.
contract MaskAdmissionTest is Test {
    string internal constant FIXTURE = "test/fixtures/maskAdmission.json";
    address internal governance = vm.addr(1);
    address internal relayer = vm.addr(5);

    bool internal fixtureFound;
    MaskRegistry internal registry;
    IssuerRegistry internal issuers;
    IGroth16Verifier.Proof internal proof;
    CredentialPredicate.Predicate internal predicate;
    string internal maskId;
    uint256 internal commitment;
    uint256 internal otherCommitment;
    uint256 internal pseudonym;
    uint256 internal issuerKeyHash;

    function setUp() public {
        fixtureFound = vm.exists(FIXTURE);
        if (!fixtureFound) return;
        string memory json = vm.readFile(FIXTURE);
        uint256[] memory pa = vm.parseJsonUintArray(json, ".proof.a");
        uint256[] memory pb0 = vm.parseJsonUintArray(json, ".proof.b[0]");
        uint256[] memory pb1 = vm.parseJsonUintArray(json, ".proof.b[1]");
        uint256[] memory pc = vm.parseJsonUintArray(json, ".proof.c");
        uint256[] memory ps = vm.parseJsonUintArray(json, ".signals");
        proof.a = [pa[0], pa[1]];
        proof.b = [[pb0[0], pb0[1]], [pb1[0], pb1[1]]];
        proof.c = [pc[0], pc[1]];
        proof.signals = [ps[0], ps[1], ps[2], ps[3]];
        predicate = CredentialPredicate.Predicate({
            attributeId: vm.parseJsonUint(json, ".predicate.attributeId"),
            operator: vm.parseJsonUint(json, ".predicate.operator"),
            operandA: vm.parseJsonUint(json, ".predicate.operandA"),
            operandB: vm.parseJsonUint(json, ".predicate.operandB"),
            setHash: vm.parseJsonUint(json, ".predicate.setHash")
        });
        maskId = "adults";
        commitment = vm.parseJsonUint(json, ".identityCommitment");
        otherCommitment = vm.parseJsonUint(json, ".otherCommitment");
        pseudonym = vm.parseJsonUint(json, ".pseudonym");
        issuerKeyHash = vm.parseJsonUint(json, ".issuerKeyHash");

        issuers = new IssuerRegistry(governance);
        vm.prank(governance);
        issuers.registerIssuer(governance, "Fixture issuer", issuerKeyHash, 1, 2);
        Semaphore semaphore = new Semaphore(new NoSemaphoreProofs());
        registry = new MaskRegistry(ISemaphore(address(semaphore)), IIssuerRegistry(address(issuers)));
        registry.createMask(_mask(maskId, issuerKeyHash));
        vm.warp(vm.parseJsonUint(json, ".now") + 30);
    }

    function _mask(string memory id, uint256 issuer) internal view returns (MaskRegistry.NewMask memory) {
        MaskRegistry.AdmissionPredicate[] memory rule = new MaskRegistry.AdmissionPredicate[](1);
        uint256[] memory accepted = new uint256[](1);
        accepted[0] = issuer;
        rule[0] = MaskRegistry.AdmissionPredicate({predicate: predicate, issuers: accepted});
        return MaskRegistry.NewMask({
            maskId: id,
            name: "Adults",
            description: "Prove you are 18 or over",
            tags: new string[](0),
            k: 5,
            epochSeconds: 3600,
            admission: '{"predicates":[{"attribute":"age","op":"gte","value":18}]}',
            admissionPredicates: rule
        });
    }

    function _proofs() internal view returns (IGroth16Verifier.Proof[] memory proofs) {
        proofs = new IGroth16Verifier.Proof[](1);
        proofs[0] = proof;
    }

    function _join(uint256 identity, IGroth16Verifier.Proof[] memory proofs) internal {
        vm.prank(relayer);
        registry.joinWithAdmission(maskId, identity, keccak256("leave"), pseudonym, proofs);
    }

    modifier withFixture() {
        if (!fixtureFound) {
            vm.skip(
                true, "no contracts/test/fixtures/maskAdmission.json: npx node scripts/make-mask-admission-fixture.ts"
            );
        }
        _;
    }

    function testTheSdkBindingIsTheChains() public withFixture {
        assertEq(registry.admissionScopeOf(maskId), uint256(keccak256("decdp:mask-admission:v1:adults")) >> 8, "scope");
        (uint256 issuer, uint256 index) =
            registry.admissionStatements(keccak256(bytes(maskId)), proof.signals[SignalIndex.STATEMENT_HASH]);
        assertEq(issuer, issuerKeyHash, "the fixture's statement is the mask's, computed on-chain");
        assertEq(index, 1);
    }

    function testAValidAdmissionJoinsOnce() public withFixture {
        _join(commitment, _proofs());
        assertEq(uint256(registry.getMask(maskId).members), 1);
        assertTrue(
            registry.admissionNullifiers(keccak256(bytes(maskId)), proof.signals[SignalIndex.NULLIFIER]), "spent"
        );
        // Replayed: the same proof again (by anyone) is refused; one admission per holder per mask.
        vm.expectRevert(MaskRegistry.AlreadyAdmitted.selector);
        _join(commitment, _proofs());
    }

    function testNoProofIsRefused() public withFixture {
        vm.prank(relayer);
        vm.expectRevert(MaskRegistry.AdmissionRequired.selector);
        registry.joinMask(maskId, commitment, keccak256("leave"));
        vm.expectRevert(abi.encodeWithSelector(MaskRegistry.WrongProofCount.selector, 0, 1));
        _join(commitment, new IGroth16Verifier.Proof[](0));
        IGroth16Verifier.Proof[] memory twice = new IGroth16Verifier.Proof[](2);
        twice[0] = proof;
        twice[1] = proof;
        vm.expectRevert(abi.encodeWithSelector(MaskRegistry.WrongProofCount.selector, 2, 1));
        _join(commitment, twice);
        assertEq(uint256(registry.getMask(maskId).members), 0);
    }

    function testAProofForAnotherMaskIsRefused() public withFixture {
        registry.createMask(_mask("grown-ups", issuerKeyHash));
        vm.prank(relayer);
        vm.expectRevert(
            abi.encodeWithSelector(
                MaskRegistry.StatementNotInMask.selector, 0, proof.signals[SignalIndex.STATEMENT_HASH]
            )
        );
        registry.joinWithAdmission("grown-ups", commitment, keccak256("leave"), pseudonym, _proofs());
    }

    function testAnotherCommitmentOrPseudonymIsRefused() public withFixture {
        vm.expectRevert(abi.encodeWithSelector(MaskRegistry.WrongCommitment.selector, 0));
        _join(otherCommitment, _proofs());
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(MaskRegistry.WrongCommitment.selector, 0));
        registry.joinWithAdmission(maskId, commitment, keccak256("leave"), pseudonym + 1, _proofs());
    }

    function testAnUntrustedOrRevokedIssuerIsRefused() public withFixture {
        // A mask whose creator names an issuer the registry never admitted.
        uint256 stranger = 42;
        registry.createMask(_mask("self-issued", stranger));
        (uint256 issuer,) = registry.admissionStatements(keccak256("self-issued"), 0);
        assertEq(issuer, 0);
        // The fixture's issuer, revoked after the mask was created: refused from then on.
        vm.prank(governance);
        issuers.revokeKey(issuerKeyHash);
        vm.expectRevert(abi.encodeWithSelector(MaskRegistry.IssuerNotTrusted.selector, 0, issuerKeyHash));
        _join(commitment, _proofs());
    }

    function testATamperedOrStaleProofIsRefused() public withFixture {
        IGroth16Verifier.Proof[] memory proofs = _proofs();
        proofs[0].a[0] = proof.a[0] ^ 1;
        vm.expectRevert(abi.encodeWithSelector(MaskRegistry.InvalidProof.selector, 0));
        _join(commitment, proofs);
        // A nullifier changed to another holder's: the proof no longer verifies.
        proofs = _proofs();
        proofs[0].signals[SignalIndex.NULLIFIER] = proof.signals[SignalIndex.NULLIFIER] + 1;
        vm.expectRevert(abi.encodeWithSelector(MaskRegistry.InvalidProof.selector, 0));
        _join(commitment, proofs);
        uint256 proofTime = proof.signals[SignalIndex.RECIPIENT_AND_TIME] >> SignalIndex.RECIPIENT_BITS;
        vm.warp(proofTime + registry.MAX_PROOF_AGE() + 1);
        vm.expectRevert(abi.encodeWithSelector(MaskRegistry.ProofTooOld.selector, 0, proofTime));
        _join(commitment, _proofs());
        vm.warp(proofTime - registry.MAX_CLOCK_DRIFT() - 1);
        vm.expectRevert(abi.encodeWithSelector(MaskRegistry.ProofFromFuture.selector, 0, proofTime));
        _join(commitment, _proofs());
    }

    function testAnOpenMaskTakesNoAdmission() public withFixture {
        MaskRegistry.NewMask memory open = _mask("open-door", issuerKeyHash);
        open.admission = "";
        open.admissionPredicates = new MaskRegistry.AdmissionPredicate[](0);
        registry.createMask(open);
        vm.prank(relayer);
        vm.expectRevert(MaskRegistry.NoAdmission.selector);
        registry.joinWithAdmission("open-door", commitment, keccak256("leave"), pseudonym, _proofs());
    }

    function testCreationRefusesPoliciesThatAdmitAnyone() public withFixture {
        MaskRegistry.NewMask memory params = _mask("anyone", issuerKeyHash);
        params.admissionPredicates[0].predicate.operandA = 0; // age >= 0
        vm.expectRevert(abi.encodeWithSelector(MaskRegistry.InvalidAdmission.selector, "predicate"));
        registry.createMask(params);
        params = _mask("anyone", issuerKeyHash);
        params.admissionPredicates[0].issuers = new uint256[](0);
        vm.expectRevert(abi.encodeWithSelector(MaskRegistry.InvalidAdmission.selector, "issuers"));
        registry.createMask(params);
        params = _mask("anyone", issuerKeyHash);
        params.admissionPredicates = new MaskRegistry.AdmissionPredicate[](0);
        vm.expectRevert(MaskRegistry.AdmissionRequired.selector);
        registry.createMask(params);
    }
}
