// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Semaphore} from "@semaphore-protocol/contracts/Semaphore.sol";
import {ISemaphore} from "@semaphore-protocol/contracts/interfaces/ISemaphore.sol";
import {ISemaphoreVerifier} from "@semaphore-protocol/contracts/interfaces/ISemaphoreVerifier.sol";
import {IIssuerRegistry} from "../src/interfaces/IIssuerRegistry.sol";
import {MaskRegistry} from "../src/MaskRegistry.sol";
import {Test} from "./utils/Test.sol";

/// Accepts every Groth16 proof: these tests are about the registry's own rules (scope, message,
/// k, leaving, counting). Real Semaphore proofs run against the real verifier in
/// test/integration/masksChain.test.ts; admission with real credential proofs in MaskAdmission.t.sol.
contract AcceptingVerifier is ISemaphoreVerifier {
    function verifyProof(uint256[2] calldata, uint256[2][2] calldata, uint256[2] calldata, uint256[4] calldata, uint256)
        external
        pure
        returns (bool)
    {
        return true;
    }
}

contract MaskRegistryTest is Test {
    uint64 internal constant EPOCH = 3600;
    address internal stranger = vm.addr(8);
    MaskRegistry internal registry;
    Semaphore internal semaphore;

    function setUp() public {
        vm.warp(10 * EPOCH);
        semaphore = new Semaphore(new AcceptingVerifier());
        registry = new MaskRegistry(ISemaphore(address(semaphore)), IIssuerRegistry(address(0)));
        registry.createMask(_new("open-mask", 5, "", address(0)));
        for (uint256 member = 1; member <= 5; member++) {
            registry.joinMask("open-mask", member, keccak256(abi.encode(bytes32(member))));
        }
    }

    function _new(string memory id, uint32 k, string memory admission, address)
        internal
        pure
        returns (MaskRegistry.NewMask memory)
    {
        string[] memory tags = new string[](1);
        tags[0] = "sport";
        return MaskRegistry.NewMask({
            maskId: id,
            name: "A mask",
            description: "For tests",
            tags: tags,
            k: k,
            epochSeconds: EPOCH,
            admission: admission,
            admissionPredicates: new MaskRegistry.AdmissionPredicate[](0)
        });
    }

    function _labels(string memory a, string memory b) internal pure returns (string[] memory labels) {
        labels = new string[](bytes(b).length == 0 ? 1 : 2);
        labels[0] = a;
        if (bytes(b).length != 0) labels[1] = b;
    }

    function _proof(string memory maskId, uint256 epoch, string[] memory interests, uint256 nullifier)
        internal
        view
        returns (ISemaphore.SemaphoreProof memory proof)
    {
        MaskRegistry.Mask memory mask = registry.getMask(maskId);
        uint256[8] memory points;
        proof = ISemaphore.SemaphoreProof({
            merkleTreeDepth: 20,
            merkleTreeRoot: semaphore.getMerkleTreeRoot(mask.groupId),
            nullifier: nullifier,
            message: registry.messageOf(interests, new string[](0)),
            scope: registry.scopeOf(maskId, epoch),
            points: points
        });
    }

    function _epoch() internal view returns (uint256) {
        return block.timestamp / EPOCH;
    }

    function testScopeAndMessageMatchTheSdk() public view {
        // The SDK's maskScope / maskMessage for the same inputs (sdk/src/masks/maskScope.ts).
        assertEq(
            registry.scopeOf("new-cyclist", 7), uint256(keccak256("decdp:mask-scope:v1:new-cyclist:7")) >> 8, "scope"
        );
        assertEq(
            registry.messageOf(_labels("helmets", "road-bikes"), _labels("viewed-helmets", "")),
            uint256(
                    keccak256(
                        'decdp:mask-signal:v1:{"actions":["viewed-helmets"],"interests":["helmets","road-bikes"]}'
                    )
                ) >> 8,
            "message"
        );
    }

    function testCreateMaskRules() public {
        MaskRegistry.Mask memory mask = registry.getMask("open-mask");
        assertEq(uint256(mask.members), 5);
        assertEq(uint256(mask.k), 5);
        assertEq(mask.tags[0], "sport");
        vm.expectRevert(MaskRegistry.MaskExists.selector);
        registry.createMask(_new("open-mask", 5, "", address(0)));
        vm.expectRevert(MaskRegistry.InvalidMaskId.selector);
        registry.createMask(_new("Open Mask", 5, "", address(0)));
        vm.expectRevert(abi.encodeWithSelector(MaskRegistry.KTooSmall.selector, uint32(4)));
        registry.createMask(_new("small-k", 4, "", address(0)));
        // An admission text needs predicates the chain checks (MaskAdmission.t.sol has the rest).
        vm.expectRevert(MaskRegistry.AdmissionRequired.selector);
        registry.createMask(_new("half-policy", 5, "{}", address(0)));
    }

    function testOnlyTheMemberCanLeave() public {
        registry.createMask(_new("solo", 5, "", address(0)));
        bytes32 secret = keccak256("leave");
        registry.joinMask("solo", 99, keccak256(abi.encode(secret)));
        vm.expectRevert(MaskRegistry.NotYourMembership.selector);
        registry.leaveMask("solo", 99, new uint256[](0), keccak256("guess"));
        vm.prank(stranger); // any account may send it: the secret is what counts
        registry.leaveMask("solo", 99, new uint256[](0), secret);
        assertEq(uint256(registry.getMask("solo").members), 0);
        assertFalse(semaphore.hasMember(registry.getMask("solo").groupId, 99), "still in the group");
        vm.expectRevert(MaskRegistry.NotYourMembership.selector);
        registry.leaveMask("solo", 99, new uint256[](0), secret);
    }

    function testContributionOncePerEpochForThisMaskAndTheseLabels() public {
        string[] memory interests = _labels("helmets", "road-bikes");
        string[] memory none = new string[](0);
        // Proofs are built first: building one makes calls, and expectRevert watches the next call.
        ISemaphore.SemaphoreProof memory first = _proof("open-mask", _epoch(), interests, 1);
        ISemaphore.SemaphoreProof memory nextEpoch = _proof("open-mask", _epoch() + 1, interests, 2);
        ISemaphore.SemaphoreProof memory otherMask = _proof("open-mask", _epoch(), interests, 2);
        otherMask.scope = registry.scopeOf("other-mask", _epoch());
        ISemaphore.SemaphoreProof memory second = _proof("open-mask", _epoch(), interests, 2);
        registry.contribute("open-mask", interests, none, first);
        vm.expectRevert(ISemaphore.Semaphore__YouAreUsingTheSameNullifierTwice.selector);
        registry.contribute("open-mask", interests, none, first);
        vm.expectRevert(MaskRegistry.WrongScope.selector);
        registry.contribute("open-mask", interests, none, nextEpoch);
        vm.expectRevert(MaskRegistry.WrongScope.selector);
        registry.contribute("open-mask", interests, none, otherMask);
        vm.expectRevert(MaskRegistry.WrongMessage.selector);
        registry.contribute("open-mask", _labels("gravel", ""), none, second);
        // Unsorted, repeated or out-of-charset labels are refused (one set of labels, one message).
        vm.expectRevert(MaskRegistry.DuplicateLabel.selector);
        registry.contribute("open-mask", _labels("road-bikes", "helmets"), none, second);
        vm.expectRevert(MaskRegistry.DuplicateLabel.selector);
        registry.contribute("open-mask", _labels("helmets", "helmets"), none, second);
        vm.expectRevert(MaskRegistry.InvalidLabel.selector);
        registry.contribute("open-mask", _labels("Helmets", ""), none, second);
        // Nothing above counted or spent the second member's nullifier.
        registry.contribute("open-mask", interests, none, second);
    }

    function testContributionNeedsKMembers() public {
        registry.createMask(_new("tiny-group", 5, "", address(0)));
        registry.joinMask("tiny-group", 500, bytes32(0));
        string[] memory interests = _labels("helmets", "");
        ISemaphore.SemaphoreProof memory proof = _proof("tiny-group", _epoch(), interests, 1);
        vm.expectRevert(abi.encodeWithSelector(MaskRegistry.GroupTooSmall.selector, uint256(1), uint256(5)));
        registry.contribute("tiny-group", interests, new string[](0), proof);
    }

    function testProfileOnlyForClosedEpochsWithKContributors() public {
        uint256 epoch = _epoch();
        string[] memory none = new string[](0);
        for (uint256 member = 1; member <= 4; member++) {
            string[] memory interests = member <= 2 ? _labels("helmets", "road-bikes") : _labels("road-bikes", "");
            registry.contribute("open-mask", interests, none, _proof("open-mask", epoch, interests, member));
        }
        vm.expectRevert(abi.encodeWithSelector(MaskRegistry.EpochOpen.selector, epoch, epoch));
        registry.epochProfile("open-mask", epoch);
        vm.warp((epoch + 1) * EPOCH);
        vm.expectRevert(abi.encodeWithSelector(MaskRegistry.ProfileBelowK.selector, uint256(4), uint256(5)));
        registry.epochProfile("open-mask", epoch);

        uint256 next = _epoch();
        for (uint256 member = 1; member <= 5; member++) {
            string[] memory interests = member <= 2 ? _labels("helmets", "road-bikes") : _labels("road-bikes", "");
            registry.contribute("open-mask", interests, none, _proof("open-mask", next, interests, 100 + member));
        }
        vm.warp((next + 1) * EPOCH);
        (uint256 contributors, string[] memory labels, uint256[] memory counts,,) =
            registry.epochProfile("open-mask", next);
        assertEq(contributors, 5);
        assertEq(labels[0], "helmets");
        assertEq(counts[0], 2);
        assertEq(labels[1], "road-bikes");
        assertEq(counts[1], 5);
    }
}
