// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {RewardPool} from "../src/RewardPool.sol";
import {IGroth16Verifier} from "../src/interfaces/IGroth16Verifier.sol";
import {SIGNAL_COUNT, SignalIndex} from "../src/SignalIndex.sol";
import {RewardPoolSetup} from "./utils/RewardPoolSetup.sol";

/// @notice claimBatch with a mock verifier: every claim is checked on its own, a broken rule skips
///         only that claim, a failed proof check reverts the whole batch.
contract RewardPoolBatchTest is RewardPoolSetup {
    function test_claimBatch_paysEveryValidClaim() public {
        (uint256[] memory ids, IGroth16Verifier.Proof[] memory proofs) = _batch(16);
        vm.prank(relayer);
        assertEq(pool.claimBatch(ids, proofs), 16);
        for (uint256 i = 0; i < 16; i++) {
            assertEq(token.balanceOf(_recipient(i)), REWARD, "each recipient paid once");
            assertTrue(pool.nullifierUsed(100 + i), "nullifier spent");
        }
        assertEq(_remainingOf(campaignId), BUDGET - 16 * REWARD);
    }

    function test_claimBatch_emitsClaimedPerClaim() public {
        (uint256[] memory ids, IGroth16Verifier.Proof[] memory proofs) = _batch(2);
        vm.expectEmit(true, true, true, true, address(pool));
        emit RewardPool.Claimed(campaignId, 100, _recipient(0), REWARD);
        vm.expectEmit(true, true, true, true, address(pool));
        emit RewardPool.Claimed(campaignId, 101, _recipient(1), REWARD);
        vm.prank(relayer);
        pool.claimBatch(ids, proofs);
    }

    function test_claimBatch_brokenRuleSkipsOnlyThatClaim() public {
        (uint256[] memory ids, IGroth16Verifier.Proof[] memory proofs) = _batch(4);
        _claim(campaignId, proofs[1].signals); // claim 1's nullifier is now used
        proofs[2].signals[SignalIndex.NULLIFIER] = 100; // the same nullifier as claim 0, in the same batch
        ids[3] = 42; // no such campaign

        vm.expectEmit(true, true, true, true, address(pool));
        emit RewardPool.ClaimRejected(campaignId, 1, RewardPool.NullifierUsed.selector, 101);
        vm.expectEmit(true, true, true, true, address(pool));
        emit RewardPool.ClaimRejected(campaignId, 2, RewardPool.NullifierUsed.selector, 100);
        vm.expectEmit(true, true, true, true, address(pool));
        emit RewardPool.ClaimRejected(42, 3, RewardPool.CampaignNotFound.selector, 42);
        vm.prank(relayer);
        assertEq(pool.claimBatch(ids, proofs), 1);
        assertEq(token.balanceOf(_recipient(0)), REWARD);
        assertEq(token.balanceOf(_recipient(1)), REWARD, "paid once, by the single claim");
        assertEq(token.balanceOf(_recipient(2)), 0);
        assertEq(token.balanceOf(_recipient(3)), 0);
    }

    function test_claimBatch_stopsAtTheBudget() public {
        RewardPool.CampaignParams memory params = _params();
        params.budget = 3 * REWARD;
        uint256 id = _createCampaign(params);
        (uint256[] memory ids, IGroth16Verifier.Proof[] memory proofs) = _batchFor(id, 5);
        vm.prank(relayer);
        assertEq(pool.claimBatch(ids, proofs), 3);
        assertEq(_remainingOf(id), 0);
        assertEq(token.balanceOf(_recipient(3)), 0, "the fourth claim found no budget");
    }

    function test_claimBatch_mixesCampaigns() public {
        uint256 other = _createCampaign(_params());
        (uint256[] memory ids, IGroth16Verifier.Proof[] memory proofs) = _batch(4);
        for (uint256 i = 2; i < 4; i++) {
            ids[i] = other;
            proofs[i].signals = _signalsFor(other, _recipient(i), 100 + i);
        }
        vm.prank(relayer);
        assertEq(pool.claimBatch(ids, proofs), 4);
        assertEq(_remainingOf(campaignId), BUDGET - 2 * REWARD);
        assertEq(_remainingOf(other), BUDGET - 2 * REWARD);
    }

    function test_claimBatch_pausedOrRevokedSkipped() public {
        uint256 other = _createCampaign(_params());
        (uint256[] memory ids, IGroth16Verifier.Proof[] memory proofs) = _batch(3);
        ids[2] = other;
        proofs[2].signals = _signalsFor(other, _recipient(2), 102);
        vm.prank(merchant);
        pool.pause(other);
        vm.expectEmit(true, true, true, true, address(pool));
        emit RewardPool.ClaimRejected(other, 2, RewardPool.CampaignIsPaused.selector, other);
        vm.prank(relayer);
        assertEq(pool.claimBatch(ids, proofs), 2);

        (ids, proofs) = _batch(2);
        proofs[0].signals[SignalIndex.NULLIFIER] = 200;
        proofs[1].signals[SignalIndex.NULLIFIER] = 201;
        vm.prank(owner);
        registry.revokeKey(ISSUER_KEY_HASH);
        vm.prank(relayer);
        assertEq(pool.claimBatch(ids, proofs), 0, "nothing paid once the issuer is revoked");
    }

    function test_claimBatch_invalidProofRevertsEverything() public {
        (uint256[] memory ids, IGroth16Verifier.Proof[] memory proofs) = _batch(3);
        verifier.setAccepts(false);
        vm.expectRevert(RewardPool.InvalidProof.selector);
        vm.prank(relayer);
        pool.claimBatch(ids, proofs);
        assertFalse(pool.nullifierUsed(100), "nothing spent");
        assertEq(_remainingOf(campaignId), BUDGET);
    }

    function test_claimBatch_sizeRules() public {
        (uint256[] memory ids, IGroth16Verifier.Proof[] memory proofs) = _batch(17);
        vm.expectRevert(abi.encodeWithSelector(RewardPool.InvalidBatch.selector, 17, 17));
        pool.claimBatch(ids, proofs);

        (ids, proofs) = _batch(0);
        vm.expectRevert(abi.encodeWithSelector(RewardPool.InvalidBatch.selector, 0, 0));
        pool.claimBatch(ids, proofs);

        (ids, proofs) = _batch(2);
        uint256[] memory oneId = new uint256[](1);
        vm.expectRevert(abi.encodeWithSelector(RewardPool.InvalidBatch.selector, 2, 1));
        pool.claimBatch(oneId, proofs);
    }

    /// Whatever subset of a batch is broken, exactly the others are paid, each once.
    function testFuzz_claimBatch_paysExactlyTheValidOnes(uint256 size, uint256 brokenMask, uint256 how) public {
        size = bound(size, 1, 16);
        (uint256[] memory ids, IGroth16Verifier.Proof[] memory proofs) = _batch(size);
        uint256 expected;
        for (uint256 i = 0; i < size; i++) {
            if (brokenMask & (1 << i) == 0) {
                expected++;
                continue;
            }
            uint256 kind = uint256(keccak256(abi.encode(how, i))) % 4;
            if (kind == 0) _setTime(proofs[i].signals, block.timestamp - 2 hours);
            else if (kind == 1) proofs[i].signals[SignalIndex.STATEMENT_HASH] += 1;
            else if (kind == 2) _setRecipient(proofs[i].signals, address(0));
            else ids[i] = 0;
        }
        uint256 poolBefore = token.balanceOf(address(pool));
        vm.prank(relayer);
        assertEq(pool.claimBatch(ids, proofs), expected);
        for (uint256 i = 0; i < size; i++) {
            bool valid = brokenMask & (1 << i) == 0;
            assertEq(token.balanceOf(_recipient(i)), valid ? REWARD : 0);
            assertEq(pool.nullifierUsed(100 + i), valid);
        }
        assertEq(token.balanceOf(address(pool)), poolBefore - expected * REWARD, "paid exactly the valid ones");
    }

    function _recipient(uint256 i) internal pure returns (address) {
        // forge-lint: disable-next-line(unsafe-typecast)
        return address(uint160(0x1000 + i));
    }

    function _batch(uint256 n) internal view returns (uint256[] memory, IGroth16Verifier.Proof[] memory) {
        return _batchFor(campaignId, n);
    }

    function _batchFor(uint256 id, uint256 n)
        internal
        view
        returns (uint256[] memory ids, IGroth16Verifier.Proof[] memory proofs)
    {
        ids = new uint256[](n);
        proofs = new IGroth16Verifier.Proof[](n);
        for (uint256 i = 0; i < n; i++) {
            ids[i] = id;
            uint256[SIGNAL_COUNT] memory s = _signalsFor(id, _recipient(i), 100 + i);
            proofs[i] = _proof(s);
        }
    }
}
