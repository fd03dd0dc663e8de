// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {RewardPool} from "../src/RewardPool.sol";
import {SignalIndex} from "../src/SignalIndex.sol";
import {RewardPoolSetup} from "./utils/RewardPoolSetup.sol";
import {FeeOnTransferToken} from "./mocks/FeeOnTransferToken.sol";
import {ReentrantToken} from "./mocks/ReentrantToken.sol";

/// @notice RewardPool's rules with a mock verifier: one test per rule and per custom error, and
///         fuzz tests over the claim inputs. The real Groth16 verifier is in RewardPool.realProof.t.sol.
contract RewardPoolTest is RewardPoolSetup {
    uint256 internal constant NULLIFIER = 0xa11ce;

    // --- createCampaign ---------------------------------------------------------------------------

    function test_createCampaign_pullsBudgetAndStoresCampaign() public view {
        assertEq(campaignId, 1, "first id is 1");
        assertEq(pool.campaignCount(), 1);
        assertEq(token.balanceOf(address(pool)), BUDGET, "budget pulled");
        (
            IERC20 campaignToken,
            uint48 start,
            uint48 end,
            uint128 rewardPerClaim,
            uint128 remaining,
            bytes32 predicateHash,
            uint256 scope,
            address creator
        ) = pool.campaigns(campaignId);
        assertEq(address(campaignToken), address(token));
        assertEq(start, START);
        assertEq(end, END);
        assertEq(rewardPerClaim, REWARD);
        assertEq(remaining, BUDGET);
        assertEq(
            predicateHash, pool.predicateHashOf(ATTRIBUTE_ID, OPERATOR, OPERAND_A, OPERAND_B, SET_HASH, ISSUER_KEY_HASH)
        );
        assertEq(scope, uint256(keccak256(abi.encode(block.chainid, address(pool), campaignId))) >> 8, "scope");
        assertTrue(scope < SNARK_SCALAR_FIELD, "scope fits the BN254 field");
        assertEq(creator, merchant);
    }

    function test_createCampaign_assignsSequentialIdsAndDistinctScopes() public {
        uint256 second = _createCampaign(_params());
        assertEq(second, 2);
        assertTrue(_scopeOf(second) != _scopeOf(campaignId), "scopes differ per campaign");
    }

    function test_createCampaign_emitsCampaignCreated() public {
        RewardPool.CampaignParams memory params = _params();
        uint256 expectedScope = uint256(keccak256(abi.encode(block.chainid, address(pool), uint256(2)))) >> 8;
        vm.expectEmit(true, true, true, true, address(pool));
        emit RewardPool.CampaignCreated(2, merchant, expectedScope, BUDGET, params);
        _createCampaign(params);
    }

    function test_createCampaign_rejectsInvalidParameters() public {
        RewardPool.CampaignParams memory params = _params();
        params.token = IERC20(address(0));
        _expectInvalidParameter(params, "token");

        params = _params();
        params.rewardPerClaim = 0;
        _expectInvalidParameter(params, "rewardPerClaim");

        params = _params();
        params.rewardPerClaim = uint256(type(uint128).max) + 1;
        params.budget = type(uint256).max;
        _expectInvalidParameter(params, "rewardPerClaim");

        params = _params();
        params.budget = REWARD - 1;
        _expectInvalidParameter(params, "budget");

        params = _params();
        params.end = params.start;
        _expectInvalidParameter(params, "end");

        params = _params();
        params.start = uint48(block.timestamp - 2 days);
        params.end = uint48(block.timestamp); // already over
        _expectInvalidParameter(params, "end");

        params = _params();
        params.attributeId = SNARK_SCALAR_FIELD;
        _expectInvalidParameter(params, "attributeId");
        params = _params();
        params.operator = SNARK_SCALAR_FIELD;
        _expectInvalidParameter(params, "operator");
        params = _params();
        params.operandA = type(uint256).max;
        _expectInvalidParameter(params, "operandA");
        params = _params();
        params.operandB = SNARK_SCALAR_FIELD;
        _expectInvalidParameter(params, "operandB");
        params = _params();
        params.setHash = SNARK_SCALAR_FIELD;
        _expectInvalidParameter(params, "setHash");
        params = _params();
        params.issuerKeyHash = SNARK_SCALAR_FIELD;
        _expectInvalidParameter(params, "issuerKeyHash");
    }

    function test_createCampaign_budgetAboveUint128Reverts() public {
        RewardPool.CampaignParams memory params = _params();
        params.budget = uint256(type(uint128).max) + 1;
        vm.prank(owner);
        token.mint(merchant, params.budget);
        _expectInvalidParameter(params, "budget");
    }

    function test_createCampaign_withoutAllowanceReverts() public {
        vm.prank(merchant);
        token.approve(address(pool), BUDGET - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(pool), BUDGET - 1, BUDGET)
        );
        _createCampaign(_params());
    }

    function test_createCampaign_creditsWhatFeeOnTransferTokenDelivered() public {
        FeeOnTransferToken feeToken = new FeeOnTransferToken();
        feeToken.mint(merchant, BUDGET);
        vm.prank(merchant);
        feeToken.approve(address(pool), BUDGET);
        RewardPool.CampaignParams memory params = _params();
        params.token = feeToken;
        uint256 id = _createCampaign(params);
        assertEq(_remainingOf(id), BUDGET - BUDGET / 100, "credited the received amount, not the budget");
    }

    // --- claim: the happy path -------------------------------------------------------------------

    function test_claim_relayerSubmitsAndRecipientIsPaid() public {
        uint256 relayerBefore = token.balanceOf(relayer);
        uint256[13] memory signals = _signals(alice, NULLIFIER);
        vm.expectEmit(true, true, true, true, address(pool));
        emit RewardPool.Claimed(campaignId, NULLIFIER, alice, REWARD);
        _claim(campaignId, signals);

        assertEq(token.balanceOf(alice), REWARD, "recipient paid");
        assertEq(token.balanceOf(relayer), relayerBefore, "relayer not paid");
        assertEq(_remainingOf(campaignId), BUDGET - REWARD, "remaining decremented");
        assertTrue(pool.nullifierUsed(NULLIFIER), "nullifier spent");
    }

    function test_claim_acceptsWindowBoundaries() public {
        uint256[13] memory s = _signals(alice, 1);
        s[SignalIndex.NOW] = block.timestamp - pool.MAX_PROOF_AGE();
        _claim(campaignId, s);
        s = _signals(alice, 2);
        s[SignalIndex.NOW] = block.timestamp + pool.MAX_CLOCK_DRIFT();
        _claim(campaignId, s);

        vm.warp(START);
        _claim(campaignId, _signals(alice, 3)); // first second of the campaign
        vm.warp(END - 1);
        _claim(campaignId, _signals(alice, 4)); // last second
        assertEq(token.balanceOf(alice), 4 * REWARD);
    }

    // --- claim: one test per rejection ----------------------------------------------------------

    function test_claim_unknownCampaignReverts() public {
        uint256[13] memory signals = _signals(alice, NULLIFIER);
        vm.expectRevert(abi.encodeWithSelector(RewardPool.CampaignNotFound.selector, 0));
        _claim(0, signals);
        vm.expectRevert(abi.encodeWithSelector(RewardPool.CampaignNotFound.selector, 2));
        _claim(2, signals);
    }

    function test_claim_beforeStartReverts() public {
        vm.warp(START - 1);
        uint256[13] memory signals = _signals(alice, NULLIFIER);
        vm.expectRevert(abi.encodeWithSelector(RewardPool.CampaignNotActive.selector, campaignId));
        _claim(campaignId, signals);
    }

    function test_claim_atOrAfterEndReverts() public {
        vm.warp(END);
        uint256[13] memory signals = _signals(alice, NULLIFIER);
        vm.expectRevert(abi.encodeWithSelector(RewardPool.CampaignNotActive.selector, campaignId));
        _claim(campaignId, signals);
    }

    function test_claim_otherPredicateReverts() public {
        uint256[6] memory predicateSignals = [
            SignalIndex.ATTRIBUTE_ID,
            SignalIndex.OPERATOR,
            SignalIndex.OPERAND_A,
            SignalIndex.OPERAND_B,
            SignalIndex.SET_HASH,
            SignalIndex.ISSUER_KEY_HASH
        ];
        for (uint256 i = 0; i < predicateSignals.length; i++) {
            uint256[13] memory s = _signals(alice, NULLIFIER);
            s[predicateSignals[i]] += 1;
            vm.expectRevert(RewardPool.PredicateMismatch.selector);
            _claim(campaignId, s);
        }
    }

    function test_claim_proofForAnotherCampaignReverts() public {
        uint256 other = _createCampaign(_params()); // same predicate, other scope
        uint256[13] memory s = _signals(alice, NULLIFIER); // made for campaign 1
        vm.expectRevert(
            abi.encodeWithSelector(RewardPool.ScopeMismatch.selector, _scopeOf(other), _scopeOf(campaignId))
        );
        _claim(other, s);
    }

    function test_claim_recipientOutsideAddressRangeReverts() public {
        uint256[13] memory s = _signals(alice, NULLIFIER);
        s[SignalIndex.RECIPIENT] = uint256(type(uint160).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(RewardPool.InvalidRecipient.selector, s[SignalIndex.RECIPIENT]));
        _claim(campaignId, s);

        s[SignalIndex.RECIPIENT] = 0;
        vm.expectRevert(abi.encodeWithSelector(RewardPool.InvalidRecipient.selector, 0));
        _claim(campaignId, s);
    }

    function test_claim_revokedIssuerReverts() public {
        vm.prank(owner);
        registry.revoke(ISSUER_KEY_HASH);
        uint256[13] memory signals = _signals(alice, NULLIFIER);
        vm.expectRevert(abi.encodeWithSelector(RewardPool.IssuerNotTrusted.selector, ISSUER_KEY_HASH));
        _claim(campaignId, signals);
    }

    function test_claim_unregisteredIssuerReverts() public {
        RewardPool.CampaignParams memory params = _params();
        params.issuerKeyHash = 0xdead; // never registered
        uint256 id = _createCampaign(params);
        uint256[13] memory s = _signals(alice, NULLIFIER);
        s[SignalIndex.ISSUER_KEY_HASH] = 0xdead;
        s[SignalIndex.NULLIFIER_SCOPE] = _scopeOf(id);
        vm.expectRevert(abi.encodeWithSelector(RewardPool.IssuerNotTrusted.selector, 0xdead));
        _claim(id, s);
    }

    function test_claim_oldProofReverts() public {
        uint256[13] memory s = _signals(alice, NULLIFIER);
        s[SignalIndex.NOW] = block.timestamp - pool.MAX_PROOF_AGE() - 1;
        vm.expectRevert(abi.encodeWithSelector(RewardPool.ProofTooOld.selector, s[SignalIndex.NOW]));
        _claim(campaignId, s);
    }

    function test_claim_proofFromFutureReverts() public {
        uint256[13] memory s = _signals(alice, NULLIFIER);
        s[SignalIndex.NOW] = block.timestamp + pool.MAX_CLOCK_DRIFT() + 1;
        vm.expectRevert(abi.encodeWithSelector(RewardPool.ProofFromFuture.selector, s[SignalIndex.NOW]));
        _claim(campaignId, s);

        s[SignalIndex.NOW] = type(uint256).max; // no overflow in the age check
        vm.expectRevert(abi.encodeWithSelector(RewardPool.ProofFromFuture.selector, type(uint256).max));
        _claim(campaignId, s);
    }

    function test_claim_sameNullifierTwiceReverts() public {
        _claim(campaignId, _signals(alice, NULLIFIER));
        uint256[13] memory signals = _signals(vm.addr(5), NULLIFIER); // another recipient does not help
        vm.expectRevert(abi.encodeWithSelector(RewardPool.NullifierUsed.selector, NULLIFIER));
        _claim(campaignId, signals);
    }

    function test_claim_budgetExhaustedReverts() public {
        RewardPool.CampaignParams memory params = _params();
        params.budget = 2 * REWARD + 1; // two rewards and change
        uint256 id = _createCampaign(params);
        for (uint256 n = 1; n <= 2; n++) {
            uint256[13] memory s = _signals(alice, n);
            s[SignalIndex.NULLIFIER_SCOPE] = _scopeOf(id);
            _claim(id, s);
        }
        uint256[13] memory third = _signals(alice, 3);
        third[SignalIndex.NULLIFIER_SCOPE] = _scopeOf(id);
        vm.expectRevert(abi.encodeWithSelector(RewardPool.BudgetExhausted.selector, id));
        _claim(id, third);
        assertEq(_remainingOf(id), 1, "the change stays for the creator");
    }

    function test_claim_invalidProofRevertsAndPaysNothing() public {
        verifier.setAccepts(false);
        uint256[13] memory signals = _signals(alice, NULLIFIER);
        vm.expectRevert(RewardPool.InvalidProof.selector);
        _claim(campaignId, signals);
        assertEq(token.balanceOf(alice), 0);
        assertFalse(pool.nullifierUsed(NULLIFIER), "nullifier not spent by a failed claim");
    }

    function test_claim_reentryFromTokenReverts() public {
        ReentrantToken hostile = new ReentrantToken();
        hostile.mint(merchant, BUDGET);
        vm.prank(merchant);
        hostile.approve(address(pool), BUDGET);
        RewardPool.CampaignParams memory params = _params();
        params.token = hostile;
        uint256 id = _createCampaign(params);

        uint256[13] memory first = _signals(alice, 1);
        first[SignalIndex.NULLIFIER_SCOPE] = _scopeOf(id);
        uint256[13] memory second = _signals(alice, 2);
        second[SignalIndex.NULLIFIER_SCOPE] = _scopeOf(id);
        uint256[2] memory a;
        uint256[2][2] memory b;
        uint256[2] memory c;
        hostile.arm(address(pool), abi.encodeCall(RewardPool.claim, (id, a, b, c, second)));

        vm.expectRevert(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
        _claim(id, first);
    }

    // --- reclaimRemaining ------------------------------------------------------------------------

    function test_reclaimRemaining_returnsUnspentBudgetAfterEnd() public {
        _claim(campaignId, _signals(alice, NULLIFIER));
        vm.warp(END);
        uint256 before = token.balanceOf(merchant);
        vm.expectEmit(true, true, true, true, address(pool));
        emit RewardPool.CampaignReclaimed(campaignId, merchant, BUDGET - REWARD);
        vm.prank(merchant);
        uint256 amount = pool.reclaimRemaining(campaignId);
        assertEq(amount, BUDGET - REWARD);
        assertEq(token.balanceOf(merchant), before + BUDGET - REWARD);
        assertEq(_remainingOf(campaignId), 0);

        vm.prank(merchant);
        assertEq(pool.reclaimRemaining(campaignId), 0, "nothing left the second time");
    }

    function test_reclaimRemaining_beforeEndReverts() public {
        vm.expectRevert(abi.encodeWithSelector(RewardPool.CampaignNotEnded.selector, campaignId));
        vm.prank(merchant);
        pool.reclaimRemaining(campaignId);
    }

    function test_reclaimRemaining_byOtherThanCreatorReverts() public {
        vm.warp(END);
        vm.expectRevert(abi.encodeWithSelector(RewardPool.NotCampaignCreator.selector, campaignId, relayer));
        vm.prank(relayer);
        pool.reclaimRemaining(campaignId);
    }

    function test_reclaimRemaining_unknownCampaignReverts() public {
        vm.expectRevert(abi.encodeWithSelector(RewardPool.CampaignNotFound.selector, 7));
        vm.prank(merchant);
        pool.reclaimRemaining(7);
    }

    // --- fuzz --------------------------------------------------------------------------------------

    /// Any valid combination pays exactly one reward to the bound recipient, whoever submits.
    function testFuzz_claim_paysBoundRecipient(
        address recipient,
        address submitter,
        uint256 nullifier,
        uint256 secondsIntoCampaign,
        uint256 proofAge
    ) public {
        vm.assume(recipient != address(0) && recipient != address(pool) && recipient != submitter);
        vm.assume(submitter != address(0) && submitter != address(vm));
        vm.warp(START + bound(secondsIntoCampaign, 0, END - START - 1));
        uint256[13] memory s = _signals(recipient, nullifier);
        // From MAX_CLOCK_DRIFT in the future to MAX_PROOF_AGE in the past.
        s[SignalIndex.NOW] = block.timestamp + pool.MAX_CLOCK_DRIFT()
            - bound(proofAge, 0, pool.MAX_CLOCK_DRIFT() + pool.MAX_PROOF_AGE());
        uint256 before = token.balanceOf(recipient);
        uint256 submitterBefore = token.balanceOf(submitter);

        uint256[2] memory a;
        uint256[2][2] memory b;
        uint256[2] memory c;
        vm.prank(submitter);
        pool.claim(campaignId, a, b, c, s);

        assertEq(token.balanceOf(recipient), before + REWARD, "recipient paid once");
        assertEq(token.balanceOf(submitter), submitterBefore, "submitter not paid");
        assertTrue(pool.nullifierUsed(nullifier), "nullifier spent");
    }

    /// Changing any signal the campaign pins (predicate, issuer, scope) to another value is refused
    /// before the proof is even checked.
    function testFuzz_claim_rejectsAnyOtherPinnedSignal(uint256 which, uint256 value) public {
        uint256[7] memory pinned = [
            SignalIndex.ATTRIBUTE_ID,
            SignalIndex.OPERATOR,
            SignalIndex.OPERAND_A,
            SignalIndex.OPERAND_B,
            SignalIndex.SET_HASH,
            SignalIndex.ISSUER_KEY_HASH,
            SignalIndex.NULLIFIER_SCOPE
        ];
        uint256 index = pinned[bound(which, 0, pinned.length - 1)];
        uint256[13] memory s = _signals(alice, NULLIFIER);
        vm.assume(value != s[index]);
        uint256 expected = s[index];
        s[index] = value;
        if (index == SignalIndex.NULLIFIER_SCOPE) {
            vm.expectRevert(abi.encodeWithSelector(RewardPool.ScopeMismatch.selector, expected, value));
        } else {
            vm.expectRevert(RewardPool.PredicateMismatch.selector);
        }
        _claim(campaignId, s);
    }

    /// The proof time is accepted exactly inside [now - MAX_PROOF_AGE, now + MAX_CLOCK_DRIFT].
    function testFuzz_claim_proofTimeWindow(uint256 proofTime) public {
        uint256[13] memory s = _signals(alice, NULLIFIER);
        s[SignalIndex.NOW] = proofTime;
        if (proofTime > block.timestamp + pool.MAX_CLOCK_DRIFT()) {
            vm.expectRevert(abi.encodeWithSelector(RewardPool.ProofFromFuture.selector, proofTime));
        } else if (proofTime + pool.MAX_PROOF_AGE() < block.timestamp) {
            vm.expectRevert(abi.encodeWithSelector(RewardPool.ProofTooOld.selector, proofTime));
        }
        _claim(campaignId, s);
    }

    /// Recipient values that are not addresses never pay anyone.
    function testFuzz_claim_rejectsNonAddressRecipient(uint256 recipient) public {
        recipient = bound(recipient, uint256(type(uint160).max) + 1, type(uint256).max);
        uint256[13] memory s = _signals(alice, NULLIFIER);
        s[SignalIndex.RECIPIENT] = recipient;
        vm.expectRevert(abi.encodeWithSelector(RewardPool.InvalidRecipient.selector, recipient));
        _claim(campaignId, s);
    }

    function _expectInvalidParameter(RewardPool.CampaignParams memory params, string memory name) internal {
        vm.expectRevert(abi.encodeWithSelector(RewardPool.InvalidCampaignParameter.selector, name));
        _createCampaign(params);
    }
}
