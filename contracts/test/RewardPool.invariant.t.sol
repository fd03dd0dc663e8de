// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {RewardPool} from "../src/RewardPool.sol";
import {RewardToken} from "../src/RewardToken.sol";
import {IGroth16Verifier} from "../src/interfaces/IGroth16Verifier.sol";
import {SIGNAL_COUNT, SignalIndex} from "../src/SignalIndex.sol";
import {Test} from "./utils/Test.sol";
import {RewardPoolSetup} from "./utils/RewardPoolSetup.sol";

/// @notice Drives a pool with random single and batched claims (repeating nullifiers on purpose,
///         across two campaigns), top-ups, pauses, clock moves and withdrawals; counts what should
///         have happened so the invariants can compare.
contract RewardPoolHandler is Test {
    RewardPool internal immutable pool;
    RewardToken internal immutable token;
    address internal immutable creator;
    uint256 internal immutable reward;
    uint256[2] internal campaignIds;
    uint256[2] internal statements; // each campaign's only statement hash

    uint256 public funded;
    uint256 public paid;
    uint256 public withdrawn;
    uint256 public successfulClaims;
    uint256[] internal spentNullifiers;

    constructor(
        RewardPool pool_,
        RewardToken token_,
        address creator_,
        uint256[2] memory ids,
        uint256[2] memory statements_,
        uint256 funded_
    ) {
        pool = pool_;
        token = token_;
        creator = creator_;
        campaignIds = ids;
        statements = statements_;
        funded = funded_;
        (,,,, uint128 rewardPerClaim,,,) = pool_.campaigns(ids[0]);
        reward = rewardPerClaim;
    }

    function _signals(uint256 which, uint256 recipientSeed, uint256 nullifierSeed, uint256 ageSeed)
        internal
        view
        returns (uint256[SIGNAL_COUNT] memory s, address recipient)
    {
        recipient = address(uint160(bound(recipientSeed, 1, 50)));
        s[SignalIndex.STATEMENT_HASH] = statements[which];
        s[SignalIndex.NULLIFIER] = bound(nullifierSeed, 1, 40); // small range: repeats happen
        uint256 time = block.timestamp - bound(ageSeed, 0, 2 hours); // sometimes too old
        s[SignalIndex.RECIPIENT_AND_TIME] = uint256(uint160(recipient)) | (time << SignalIndex.RECIPIENT_BITS);
    }

    /// A claim from anyone to anyone.
    function claim(uint256 which, uint256 recipientSeed, uint256 nullifierSeed, uint256 ageSeed) external {
        which = which % 2;
        (uint256[SIGNAL_COUNT] memory s, address recipient) = _signals(which, recipientSeed, nullifierSeed, ageSeed);
        uint256[2] memory a;
        uint256[2][2] memory b;
        uint256[2] memory c;
        uint256 before = token.balanceOf(recipient);
        try pool.claim(campaignIds[which], a, b, c, s) {
            assertEq(token.balanceOf(recipient), before + reward, "paid exactly one reward to the bound recipient");
            _paid(s[SignalIndex.NULLIFIER]);
        } catch {}
    }

    /// A batch of up to 16 claims over both campaigns.
    function claimBatch(uint256 size, uint256 seed) external {
        size = bound(size, 1, 16);
        uint256[] memory ids = new uint256[](size);
        IGroth16Verifier.Proof[] memory proofs = new IGroth16Verifier.Proof[](size);
        address[] memory recipients = new address[](size);
        for (uint256 i = 0; i < size; i++) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            uint256 which = r % 2;
            ids[i] = campaignIds[which];
            (proofs[i].signals, recipients[i]) = _signals(which, r >> 8, r >> 16, (r >> 32) % 3 == 0 ? r >> 64 : 0);
        }
        uint256 poolBefore = token.balanceOf(address(pool));
        try pool.claimBatch(ids, proofs) returns (uint256 count) {
            assertEq(poolBefore - token.balanceOf(address(pool)), count * reward, "batch paid count rewards");
            for (uint256 i = 0; i < size; i++) {
                uint256 nullifier = proofs[i].signals[SignalIndex.NULLIFIER];
                if (pool.nullifierUsed(nullifier) && !_known(nullifier)) _paid(nullifier);
            }
        } catch {}
    }

    function topUp(uint256 which, uint256 amount) external {
        amount = bound(amount, 1, 20 ether);
        vm.prank(creator);
        try pool.topUp(campaignIds[which % 2], amount) returns (uint256 received) {
            funded += received;
        } catch {}
    }

    function togglePause(uint256 which) external {
        uint256 id = campaignIds[which % 2];
        (,,, bool paused,,,,) = pool.campaigns(id);
        vm.prank(creator);
        if (paused) pool.unpause(id);
        else pool.pause(id);
    }

    /// Moves the clock forward (sometimes past the campaigns' end).
    function wait(uint256 secondsSeed) external {
        vm.warp(block.timestamp + bound(secondsSeed, 0, 3 days));
    }

    /// The creator tries to take the rest back (works only after the end).
    function withdraw(uint256 which) external {
        vm.prank(creator);
        try pool.withdraw(campaignIds[which % 2]) returns (uint256 amount) {
            withdrawn += amount;
        } catch {}
    }

    function _paid(uint256 nullifier) internal {
        paid += reward;
        successfulClaims += 1;
        spentNullifiers.push(nullifier);
    }

    function _known(uint256 nullifier) internal view returns (bool) {
        for (uint256 i = 0; i < spentNullifiers.length; i++) {
            if (spentNullifiers[i] == nullifier) return true;
        }
        return false;
    }

    function spentNullifierCount() external view returns (uint256) {
        return spentNullifiers.length;
    }

    function spentNullifier(uint256 i) external view returns (uint256) {
        return spentNullifiers[i];
    }

    /// What every possible recipient (addresses 1 to 50) holds.
    function receiversBalance() external view returns (uint256 total) {
        for (uint256 i = 1; i <= 50; i++) {
            // forge-lint: disable-next-line(unsafe-typecast)
            total += token.balanceOf(address(uint160(i)));
        }
    }

    function campaign(uint256 i) external view returns (uint256) {
        return campaignIds[i];
    }
}

/// @notice Whatever sequence of claims, batches, top-ups, pauses, waits and withdrawals happens, the
///         pool never pays more than it was funded, never pays a nullifier twice, and every token is
///         accounted for.
contract RewardPoolInvariantTest is RewardPoolSetup {
    RewardPoolHandler internal handler;
    uint256 internal mintedToMerchant = 1_000_000 ether;

    function setUp() public override {
        super.setUp();
        uint256 second = _createCampaign(_params());
        handler = new RewardPoolHandler(
            pool,
            token,
            merchant,
            [campaignId, second],
            [_statementOf(campaignId, ISSUER_KEY_HASH), _statementOf(second, ISSUER_KEY_HASH)],
            2 * BUDGET
        );
        // The handler tops up as the merchant: same allowance.
    }

    /// @notice forge fuzzes only the handler (forge-std's StdInvariant has the same hook).
    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    /// Every token that entered the pool is still owed to claimants, paid out, or withdrawn.
    function invariant_budgetIsConserved() public view {
        uint256 remaining = _remainingOf(handler.campaign(0)) + _remainingOf(handler.campaign(1));
        assertEq(remaining + handler.paid() + handler.withdrawn(), handler.funded(), "budget conserved");
        assertEq(token.balanceOf(address(pool)), remaining, "pool holds exactly what it owes");
        assertTrue(handler.paid() <= handler.funded(), "never paid more than funded");
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

    /// No token is created or lost: merchant + pool + every recipient = what was minted.
    function invariant_tokenBalancesConserved() public view {
        assertEq(
            token.balanceOf(merchant) + token.balanceOf(address(pool)) + handler.receiversBalance(),
            mintedToMerchant,
            "token balances conserved"
        );
        assertEq(token.totalSupply(), mintedToMerchant, "supply unchanged");
    }
}
