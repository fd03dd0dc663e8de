// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {RewardPool} from "../src/RewardPool.sol";
import {RewardToken} from "../src/RewardToken.sol";
import {SignalIndex} from "../src/SignalIndex.sol";
import {Test} from "./utils/Test.sol";
import {RewardPoolSetup} from "./utils/RewardPoolSetup.sol";

/// @notice Drives a pool with random claims (repeating nullifiers on purpose), clock moves and
///         reclaims; counts what should have happened so the invariants can compare.
contract RewardPoolHandler is Test {
    RewardPool internal immutable pool;
    RewardToken internal immutable token;
    uint256 internal immutable campaignId;
    uint256 internal immutable reward;
    address internal immutable creator;

    uint256 public paid;
    uint256 public reclaimed;
    uint256 public successfulClaims;
    uint256[] internal spentNullifiers;

    constructor(RewardPool pool_, RewardToken token_, uint256 campaignId_, address creator_) {
        pool = pool_;
        token = token_;
        campaignId = campaignId_;
        creator = creator_;
        (,,, uint128 rewardPerClaim,,,,) = pool_.campaigns(campaignId_);
        reward = rewardPerClaim;
    }

    /// A claim from anyone to anyone; nullifiers come from a small range so repeats happen.
    function claim(uint256 recipientSeed, uint256 nullifierSeed, uint256 ageSeed) external {
        address recipient = address(uint160(bound(recipientSeed, 1, 50)));
        uint256 nullifier = bound(nullifierSeed, 1, 40);
        uint256[13] memory s;
        (,,,,,, uint256 scope,) = pool.campaigns(campaignId);
        s[SignalIndex.ISSUER_KEY_HASH] = 0xbeef;
        s[SignalIndex.SET_HASH] = 0x1234;
        s[SignalIndex.NULLIFIER] = nullifier;
        s[SignalIndex.ATTRIBUTE_ID] = 3;
        s[SignalIndex.OPERATOR] = 6;
        s[SignalIndex.OPERAND_A] = 18;
        s[SignalIndex.NOW] = block.timestamp - bound(ageSeed, 0, 2 hours); // sometimes too old
        s[SignalIndex.NULLIFIER_SCOPE] = scope;
        s[SignalIndex.RECIPIENT] = uint256(uint160(recipient));
        uint256[2] memory a;
        uint256[2][2] memory b;
        uint256[2] memory c;
        try pool.claim(campaignId, a, b, c, s) {
            paid += reward;
            successfulClaims += 1;
            spentNullifiers.push(nullifier);
        } catch {}
    }

    /// Moves the clock forward (sometimes past the campaign's end).
    function wait(uint256 secondsSeed) external {
        vm.warp(block.timestamp + bound(secondsSeed, 0, 3 days));
    }

    /// The creator tries to take the rest back (works only after the end).
    function reclaim() external {
        vm.prank(creator);
        try pool.reclaimRemaining(campaignId) returns (uint256 amount) {
            reclaimed += amount;
        } catch {}
    }

    function spentNullifierCount() external view returns (uint256) {
        return spentNullifiers.length;
    }

    function spentNullifier(uint256 i) external view returns (uint256) {
        return spentNullifiers[i];
    }
}

/// @notice Whatever sequence of claims, waits and reclaims happens, the books balance and no
///         nullifier is paid twice.
contract RewardPoolInvariantTest is RewardPoolSetup {
    RewardPoolHandler internal handler;

    function setUp() public override {
        super.setUp();
        handler = new RewardPoolHandler(pool, token, campaignId, merchant);
    }

    /// @notice forge fuzzes only the handler (forge-std's StdInvariant has the same hook).
    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    /// Every token that entered the pool is either still owed to claimants, paid out, or returned.
    function invariant_budgetIsConserved() public view {
        uint256 remaining = _remainingOf(campaignId);
        assertEq(remaining + handler.paid() + handler.reclaimed(), BUDGET, "budget conserved");
        assertEq(token.balanceOf(address(pool)), remaining, "pool holds exactly what it owes");
    }

    /// Each successful claim spent a distinct nullifier.
    function invariant_nullifiersPaidOnce() public view {
        uint256 count = handler.spentNullifierCount();
        assertEq(count, handler.successfulClaims());
        for (uint256 i = 0; i < count; i++) {
            uint256 nullifier = handler.spentNullifier(i);
            assertTrue(pool.nullifierUsed(nullifier), "spent nullifier recorded");
            for (uint256 j = i + 1; j < count; j++) {
                assertTrue(handler.spentNullifier(j) != nullifier, "a nullifier was paid twice");
            }
        }
    }
}
