// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Groth16Verifier} from "../src/Groth16Verifier.sol";
import {IGroth16Verifier} from "../src/interfaces/IGroth16Verifier.sol";
import {IssuerRegistry} from "../src/IssuerRegistry.sol";
import {RewardPool} from "../src/RewardPool.sol";
import {RewardToken} from "../src/RewardToken.sol";
import {SignalIndex} from "../src/SignalIndex.sol";
import {TestableRewardPool} from "./mocks/TestableRewardPool.sol";
import {Test} from "./utils/Test.sol";
import {console} from "./utils/console.sol";

/// @notice RewardPool with the real snarkjs verifier and a real proof made by the SDK.
/// @dev The proof comes from test/fixtures/claim.json (see test/fixtures/README.md), written by the
///      SDK side. Without it every test here is skipped with a message saying how to make it.
///      The proof binds the nullifier scope of the campaign it was made for, so the campaign here
///      is created on a TestableRewardPool with that scope pinned.
contract RewardPoolRealProofTest is Test {
    string internal constant FIXTURE = "test/fixtures/claim.json";
    uint256 internal constant REWARD = 5 ether;

    address internal owner = vm.addr(1);
    address internal merchant = vm.addr(2);
    address internal relayer = vm.addr(3);
    address internal attacker = vm.addr(666);

    bool internal fixtureFound;
    TestableRewardPool internal pool;
    RewardToken internal token;
    uint256 internal campaignId;
    uint256[2] internal a;
    uint256[2][2] internal b;
    uint256[2] internal c;
    uint256[13] internal signals;
    address internal recipient;

    function setUp() public {
        fixtureFound = vm.exists(FIXTURE);
        if (!fixtureFound) return;
        string memory json = vm.readFile(FIXTURE);
        _readProof(json);

        token = new RewardToken(owner);
        IssuerRegistry registry = new IssuerRegistry(owner);
        pool = new TestableRewardPool(IGroth16Verifier(address(new Groth16Verifier())), registry);
        vm.prank(owner);
        registry.register(vm.parseJsonUint(json, ".campaign.issuerKeyHash"), "Fixture issuer");
        vm.prank(owner);
        token.mint(merchant, 100 * REWARD);
        vm.prank(merchant);
        token.approve(address(pool), type(uint256).max);

        // Be at the proof's time, or the campaign's start if that is later (still a fresh proof).
        uint256 proofTime = signals[SignalIndex.NOW];
        uint256 start = vm.parseJsonUint(json, ".campaign.start");
        vm.warp(start > proofTime ? start : proofTime);

        pool.pinScope(vm.parseJsonUint(json, ".campaign.scope"));
        vm.prank(merchant);
        campaignId = pool.createCampaign(
            RewardPool.CampaignParams({
                token: token,
                rewardPerClaim: REWARD,
                budget: 100 * REWARD,
                attributeId: vm.parseJsonUint(json, ".campaign.attributeId"),
                operator: vm.parseJsonUint(json, ".campaign.operator"),
                operandA: vm.parseJsonUint(json, ".campaign.operandA"),
                operandB: vm.parseJsonUint(json, ".campaign.operandB"),
                setHash: vm.parseJsonUint(json, ".campaign.setHash"),
                issuerKeyHash: vm.parseJsonUint(json, ".campaign.issuerKeyHash"),
                start: SafeCast.toUint48(start),
                end: SafeCast.toUint48(vm.parseJsonUint(json, ".campaign.end"))
            })
        );
    }

    function test_realProof_paysRecipientOnce() public {
        if (_skipWithoutFixture()) return;
        (uint256[2] memory pa, uint256[2][2] memory pb, uint256[2] memory pc, uint256[13] memory ps) =
            (a, b, c, signals);
        vm.prank(relayer);
        uint256 gasBefore = gasleft();
        pool.claim(campaignId, pa, pb, pc, ps);
        // The call's execution gas; a transaction adds 21,000 and its calldata (~11k for 708 bytes).
        console.log("claim gas, real verifier, execution only:", gasBefore - gasleft());

        assertEq(token.balanceOf(recipient), REWARD, "recipient paid");
        assertEq(token.balanceOf(relayer), 0, "relayer not paid");
        assertTrue(pool.nullifierUsed(signals[SignalIndex.NULLIFIER]), "nullifier spent");
    }

    function test_realProof_doubleClaimReverts() public {
        if (_skipWithoutFixture()) return;
        _claimAs(relayer, signals);
        vm.expectRevert(abi.encodeWithSelector(RewardPool.NullifierUsed.selector, signals[SignalIndex.NULLIFIER]));
        _claimAs(recipient, signals);
        assertEq(token.balanceOf(recipient), REWARD, "paid once");
    }

    function test_realProof_frontRunnerCannotRedirectReward() public {
        if (_skipWithoutFixture()) return;
        uint256[13] memory stolen = signals;
        stolen[SignalIndex.RECIPIENT] = uint256(uint160(attacker));
        vm.expectRevert(RewardPool.InvalidProof.selector);
        _claimAs(attacker, stolen);
        assertEq(token.balanceOf(attacker), 0, "attacker got nothing");

        _claimAs(relayer, signals); // the honest claim still goes through
        assertEq(token.balanceOf(recipient), REWARD, "recipient paid");
    }

    function test_realProof_freshNullifierCannotBeForged() public {
        if (_skipWithoutFixture()) return;
        _claimAs(relayer, signals);
        uint256[13] memory forged = signals;
        forged[SignalIndex.NULLIFIER] += 1; // try to claim a second time under a new nullifier
        vm.expectRevert(RewardPool.InvalidProof.selector);
        _claimAs(relayer, forged);
    }

    function test_realProof_proofTimeCannotBeRefreshed() public {
        if (_skipWithoutFixture()) return;
        vm.warp(block.timestamp + pool.MAX_PROOF_AGE() + 1);
        uint256[13] memory refreshed = signals;
        refreshed[SignalIndex.NOW] = block.timestamp; // pretend the old proof is new
        vm.expectRevert(RewardPool.InvalidProof.selector);
        _claimAs(relayer, refreshed);
    }

    function _claimAs(address sender, uint256[13] memory publicSignals) internal {
        vm.prank(sender);
        pool.claim(campaignId, a, b, c, publicSignals);
    }

    function _readProof(string memory json) internal {
        uint256[] memory pa = vm.parseJsonUintArray(json, ".proof.a");
        uint256[] memory pb0 = vm.parseJsonUintArray(json, ".proof.b[0]");
        uint256[] memory pb1 = vm.parseJsonUintArray(json, ".proof.b[1]");
        uint256[] memory pc = vm.parseJsonUintArray(json, ".proof.c");
        uint256[] memory ps = vm.parseJsonUintArray(json, ".signals");
        require(pa.length == 2 && pb0.length == 2 && pb1.length == 2 && pc.length == 2, "fixture: bad proof shape");
        require(ps.length == SignalIndex.COUNT, "fixture: expected 13 signals");
        a = [pa[0], pa[1]];
        b = [[pb0[0], pb0[1]], [pb1[0], pb1[1]]];
        c = [pc[0], pc[1]];
        for (uint256 i = 0; i < SignalIndex.COUNT; i++) {
            signals[i] = ps[i];
        }
        recipient = vm.parseJsonAddress(json, ".recipient");
        require(
            uint256(uint160(recipient)) == signals[SignalIndex.RECIPIENT], "fixture: recipient differs from its signal"
        );
    }

    /// @dev Marks the test skipped (with the reason in forge's output) when there is no fixture.
    function _skipWithoutFixture() internal returns (bool) {
        if (fixtureFound) return false;
        string memory reason =
            "no test/fixtures/claim.json yet: the SDK writes it (see test/fixtures/README.md); real-proof tests skipped";
        console.log(reason);
        vm.skip(true, reason);
        return true;
    }
}
