// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {RewardPool} from "../src/RewardPool.sol";
import {SIGNAL_COUNT, SignalIndex} from "../src/SignalIndex.sol";
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
            uint40 start,
            uint40 end,
            bool paused,
            uint128 rewardPerClaim,
            uint128 remaining,
            address creator,
            uint256 scope
        ) = pool.campaigns(campaignId);
        assertEq(address(campaignToken), address(token));
        assertEq(start, START);
        assertEq(end, END);
        assertFalse(paused, "not paused");
        assertEq(rewardPerClaim, REWARD);
        assertEq(remaining, BUDGET);
        assertEq(creator, merchant);
        assertEq(
            scope, uint256(keccak256(abi.encode(block.chainid, address(pool), merchant, bytes32(uint256(1))))) >> 8
        );
        assertTrue(scope < SNARK_SCALAR_FIELD, "scope fits the BN254 field");
        assertEq(pool.scopeCampaign(scope), campaignId);
        uint256 statementHash = _statementOf(campaignId, ISSUER_KEY_HASH);
        assertEq(pool.campaignStatements(campaignId, statementHash), ISSUER_KEY_HASH, "statement names its issuer");
        assertEq(pool.statementCampaign(statementHash), campaignId, "statement owned by the campaign");
    }

    function test_createCampaign_zeroTokenMeansDefaultToken() public {
        RewardPool.CampaignParams memory params = _params();
        params.token = IERC20(address(0));
        uint256 id = _createCampaign(params);
        (IERC20 campaignToken,,,,,,,) = pool.campaigns(id);
        assertEq(address(campaignToken), address(pool.defaultToken()));
    }

    function test_createCampaign_withoutDefaultTokenNeedsToken() public {
        RewardPool bare = new RewardPool(verifier, registry, IERC20(address(0)));
        RewardPool.CampaignParams memory params = _params();
        params.token = IERC20(address(0));
        vm.expectRevert(abi.encodeWithSelector(RewardPool.InvalidCampaignParameter.selector, "token"));
        vm.prank(merchant);
        bare.createCampaign(params);
    }

    function test_createCampaign_assignsSequentialIdsAndDistinctScopes() public {
        uint256 second = _createCampaign(_params());
        assertEq(second, 2);
        assertTrue(_scopeOf(second) != _scopeOf(campaignId), "scopes differ per campaign");
    }

    function test_createCampaign_emitsCreatedAndOneEventPerStatement() public {
        RewardPool.CampaignParams memory params = _params();
        params.issuerKeyHashes = _issuers(ISSUER_KEY_HASH, OTHER_ISSUER_KEY_HASH);
        uint256 scope = pool.scopeOf(merchant, params.salt);
        uint256 first = pool.statementHashOf(params.predicate, ISSUER_KEY_HASH, MERCHANT_SCOPE, scope);
        uint256 second = pool.statementHashOf(params.predicate, OTHER_ISSUER_KEY_HASH, MERCHANT_SCOPE, scope);
        vm.expectEmit(true, true, true, true, address(pool));
        emit RewardPool.CampaignStatementAdded(2, first, ISSUER_KEY_HASH);
        vm.expectEmit(true, true, true, true, address(pool));
        emit RewardPool.CampaignStatementAdded(2, second, OTHER_ISSUER_KEY_HASH);
        vm.expectEmit(true, true, true, true, address(pool));
        emit RewardPool.CampaignCreated(2, merchant, token, scope, REWARD, BUDGET, START, END, params.metadata);
        vm.expectEmit(true, true, true, true, address(pool));
        emit RewardPool.CampaignPredicate(2, 1, 6, 18, 0, 0x5e7, MERCHANT_SCOPE);
        _createCampaign(params);
    }

    function test_createCampaign_rejectsInvalidParameters() public {
        RewardPool.CampaignParams memory params = _params();
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
        params.start = uint40(block.timestamp - 2 days);
        params.end = uint40(block.timestamp); // already over
        _expectInvalidParameter(params, "end");

        params = _params();
        params.issuerKeyHashes = new uint256[](0);
        _expectInvalidParameter(params, "issuerKeyHashes");

        params = _params();
        params.issuerKeyHashes = new uint256[](pool.MAX_STATEMENTS() + 1);
        _expectInvalidParameter(params, "issuerKeyHashes");

        params = _params();
        params.issuerKeyHashes[0] = 0;
        _expectInvalidParameter(params, "issuerKeyHash");
        params.issuerKeyHashes[0] = SNARK_SCALAR_FIELD;
        _expectInvalidParameter(params, "issuerKeyHash");

        params = _params();
        params.merchantScope = SNARK_SCALAR_FIELD;
        _expectInvalidParameter(params, "merchantScope");
    }

    function test_createCampaign_rejectsPredicatesNoProofCarriesOrEveryHolderSatisfies() public {
        RewardPool.CampaignParams memory params = _params();
        uint256 max = type(uint64).max;
        // [operator, operandA, operandB, field at fault]
        _expectBadPredicate(params, 0, 18, 0, "operator");
        _expectBadPredicate(params, 11, 0, 0, "operator"); // exists: every holder
        _expectBadPredicate(params, 12, 0, 0, "operator");
        _expectBadPredicate(params, 6, 0, 0, "predicate"); // gte 0
        _expectBadPredicate(params, 4, max, 0, "predicate"); // lte the largest value
        _expectBadPredicate(params, 7, 0, max, "predicate"); // between the whole range
        _expectBadPredicate(params, 8, 65, 18, "operandB"); // notBetween with swapped bounds: every holder
        _expectBadPredicate(params, 7, 65, 18, "operandB"); // between with swapped bounds: nobody
        _expectBadPredicate(params, 3, max + 1, 0, "operandA"); // order comparisons are 64-bit
        _expectBadPredicate(params, 7, 18, max + 1, "operandB");
        _expectBadPredicate(params, 1, SNARK_SCALAR_FIELD, 0, "operandA");
        params = _params();
        params.predicate.attributeId = SNARK_SCALAR_FIELD;
        _expectInvalidParameter(params, "attributeId");
        params = _params();
        params.predicate.setHash = SNARK_SCALAR_FIELD;
        _expectInvalidParameter(params, "setHash");
        // Equality takes any field element (hashed categories), and gte 1 says something.
        params = _params();
        params.predicate.operator = 1;
        params.predicate.operandA = SNARK_SCALAR_FIELD - 1;
        _createCampaign(params);
        params = _params();
        params.predicate.operandA = 1;
        _createCampaign(params);
    }

    function _expectBadPredicate(
        RewardPool.CampaignParams memory params,
        uint256 operator,
        uint256 operandA,
        uint256 operandB,
        string memory field
    ) internal {
        params.predicate.operator = operator;
        params.predicate.operandA = operandA;
        params.predicate.operandB = operandB;
        _expectInvalidParameter(params, field);
    }

    function test_createCampaign_issuerListedTwiceReverts() public {
        RewardPool.CampaignParams memory params = _params();
        params.issuerKeyHashes = _issuers(ISSUER_KEY_HASH, ISSUER_KEY_HASH);
        uint256 statementHash = pool.statementHashOf(
            params.predicate, ISSUER_KEY_HASH, MERCHANT_SCOPE, pool.scopeOf(merchant, params.salt)
        );
        vm.expectRevert(abi.encodeWithSelector(RewardPool.StatementTaken.selector, statementHash));
        _createCampaign(params);
    }

    /// @notice Issue 21 (1): a squatter copying a merchant's campaign (same predicate, issuer and
    ///         merchant scope) gets statements over its own scope, never the merchant's; the
    ///         merchant's creation goes through and proofs for it pay only from it.
    function test_createCampaign_squatterCannotTakeAnotherCreatorsStatement() public {
        RewardPool.CampaignParams memory params = _params();
        uint256 merchantScope = pool.scopeOf(merchant, params.salt);
        uint256 merchantStatement =
            pool.statementHashOf(params.predicate, ISSUER_KEY_HASH, MERCHANT_SCOPE, merchantScope);
        address squatter = vm.addr(66);
        vm.prank(owner);
        token.mint(squatter, BUDGET);
        vm.startPrank(squatter);
        token.approve(address(pool), BUDGET);
        uint256 squatted = pool.createCampaign(params); // same salt, predicate, issuer, merchant scope
        vm.stopPrank();
        assertEq(pool.campaignStatements(squatted, merchantStatement), 0, "the squatter does not own it");
        assertEq(pool.statementCampaign(merchantStatement), 0, "still free");
        uint256 id = _createCampaign(params);
        assertEq(pool.statementCampaign(merchantStatement), id, "the merchant's creation takes it");
        // A holder's proof for the merchant's campaign is refused by the squatter's.
        uint256[SIGNAL_COUNT] memory s = _signalsFor(id, alice, 7);
        vm.expectRevert(abi.encodeWithSelector(RewardPool.StatementNotInCampaign.selector, merchantStatement));
        _claim(squatted, s);
        _claim(id, s);
        assertEq(token.balanceOf(alice), REWARD);
    }

    /// @notice Issue 21 (2): the issuer a campaign stores is the one inside its statement, so a
    ///         revoked issuer's statement cannot hide behind a trusted one: its claims are not paid.
    function test_claim_revokedIssuerStatementIsNotPaid() public {
        RewardPool.CampaignParams memory params = _params();
        params.issuerKeyHashes = _issuers(ISSUER_KEY_HASH, OTHER_ISSUER_KEY_HASH);
        uint256 id = _createCampaign(params);
        vm.prank(owner);
        registry.revokeKey(OTHER_ISSUER_KEY_HASH);
        uint256 revokedStatement = _statementOf(id, OTHER_ISSUER_KEY_HASH);
        assertEq(pool.campaignStatements(id, revokedStatement), OTHER_ISSUER_KEY_HASH, "declared = inside");
        uint256[SIGNAL_COUNT] memory s = _signalsFor(id, alice, 8);
        s[SignalIndex.STATEMENT_HASH] = revokedStatement;
        vm.expectRevert(abi.encodeWithSelector(RewardPool.IssuerNotTrusted.selector, OTHER_ISSUER_KEY_HASH));
        _claim(id, s);
        _claim(id, _signalsFor(id, alice, 9)); // the trusted issuer's statement still pays
        assertEq(token.balanceOf(alice), REWARD);
    }

    function _issuers(uint256 first, uint256 second) internal pure returns (uint256[] memory issuers) {
        issuers = new uint256[](2);
        issuers[0] = first;
        issuers[1] = second;
    }

    function test_createCampaign_sameSaltTwiceReverts() public {
        RewardPool.CampaignParams memory params = _params();
        params.salt = bytes32(uint256(1)); // the setUp campaign's salt
        vm.expectRevert(abi.encodeWithSelector(RewardPool.ScopeTaken.selector, _scopeOf(campaignId)));
        _createCampaign(params);
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
        RewardPool.CampaignParams memory params = _params();
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(pool), BUDGET - 1, BUDGET)
        );
        _createCampaign(params);
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

    function test_createCampaign_anyIssuerListedPays() public {
        RewardPool.CampaignParams memory params = _params();
        params.issuerKeyHashes = _issuers(ISSUER_KEY_HASH, OTHER_ISSUER_KEY_HASH);
        uint256 id = _createCampaign(params);
        _claim(id, _signalsFor(id, alice, 1));
        uint256[SIGNAL_COUNT] memory s = _signalsFor(id, alice, 2);
        s[SignalIndex.STATEMENT_HASH] = _statementOf(id, OTHER_ISSUER_KEY_HASH);
        _claim(id, s);
        assertEq(token.balanceOf(alice), 2 * REWARD, "both issuers' credentials paid");
    }

    // --- topUp, pause, unpause, withdraw -------------------------------------------------------------

    function test_topUp_addsToBudgetAndEmits() public {
        vm.expectEmit(true, true, true, true, address(pool));
        emit RewardPool.CampaignToppedUp(campaignId, merchant, 10 ether, BUDGET + 10 ether);
        vm.prank(merchant);
        assertEq(pool.topUp(campaignId, 10 ether), 10 ether);
        assertEq(_remainingOf(campaignId), BUDGET + 10 ether);
        assertEq(token.balanceOf(address(pool)), BUDGET + 10 ether);
    }

    function test_topUp_rules() public {
        vm.expectRevert(abi.encodeWithSelector(RewardPool.NotCampaignCreator.selector, campaignId, relayer));
        vm.prank(relayer);
        pool.topUp(campaignId, 1 ether);

        vm.expectRevert(abi.encodeWithSelector(RewardPool.InvalidCampaignParameter.selector, "amount"));
        vm.prank(merchant);
        pool.topUp(campaignId, 0);

        vm.expectRevert(abi.encodeWithSelector(RewardPool.CampaignNotFound.selector, 9));
        vm.prank(merchant);
        pool.topUp(9, 1 ether);

        vm.prank(owner);
        token.mint(merchant, type(uint128).max);
        vm.expectRevert(abi.encodeWithSelector(RewardPool.InvalidCampaignParameter.selector, "amount"));
        vm.prank(merchant);
        pool.topUp(campaignId, type(uint128).max);

        vm.warp(END);
        vm.expectRevert(abi.encodeWithSelector(RewardPool.CampaignEnded.selector, campaignId));
        vm.prank(merchant);
        pool.topUp(campaignId, 1 ether);
    }

    function test_pause_stopsClaimsUntilUnpause() public {
        vm.expectEmit(true, true, true, true, address(pool));
        emit RewardPool.CampaignPaused(campaignId, merchant);
        vm.prank(merchant);
        pool.pause(campaignId);
        assertTrue(_pausedOf(campaignId), "paused");

        uint256[SIGNAL_COUNT] memory s = _signals(alice, NULLIFIER);
        vm.expectRevert(abi.encodeWithSelector(RewardPool.CampaignIsPaused.selector, campaignId));
        _claim(campaignId, s);

        vm.expectEmit(true, true, true, true, address(pool));
        emit RewardPool.CampaignUnpaused(campaignId, merchant);
        vm.prank(merchant);
        pool.unpause(campaignId);
        _claim(campaignId, s);
        assertEq(token.balanceOf(alice), REWARD);
    }

    function test_pause_rules() public {
        vm.expectRevert(abi.encodeWithSelector(RewardPool.NotCampaignCreator.selector, campaignId, relayer));
        vm.prank(relayer);
        pool.pause(campaignId);
        vm.expectRevert(abi.encodeWithSelector(RewardPool.CampaignNotPaused.selector, campaignId));
        vm.prank(merchant);
        pool.unpause(campaignId);
        vm.prank(merchant);
        pool.pause(campaignId);
        vm.expectRevert(abi.encodeWithSelector(RewardPool.CampaignIsPaused.selector, campaignId));
        vm.prank(merchant);
        pool.pause(campaignId);
        vm.expectRevert(abi.encodeWithSelector(RewardPool.NotCampaignCreator.selector, campaignId, relayer));
        vm.prank(relayer);
        pool.unpause(campaignId);
    }

    function test_withdraw_returnsUnspentBudgetAfterEnd() public {
        _claim(campaignId, _signals(alice, NULLIFIER));
        vm.warp(END);
        uint256 before = token.balanceOf(merchant);
        vm.expectEmit(true, true, true, true, address(pool));
        emit RewardPool.CampaignWithdrawn(campaignId, merchant, BUDGET - REWARD);
        vm.prank(merchant);
        uint256 amount = pool.withdraw(campaignId);
        assertEq(amount, BUDGET - REWARD);
        assertEq(token.balanceOf(merchant), before + BUDGET - REWARD);
        assertEq(_remainingOf(campaignId), 0);

        vm.prank(merchant);
        assertEq(pool.withdraw(campaignId), 0, "nothing left the second time");
    }

    function test_withdraw_worksWhilePaused() public {
        vm.prank(merchant);
        pool.pause(campaignId);
        vm.warp(END);
        vm.prank(merchant);
        assertEq(pool.withdraw(campaignId), BUDGET);
    }

    function test_withdraw_beforeEndReverts() public {
        vm.expectRevert(abi.encodeWithSelector(RewardPool.CampaignNotEnded.selector, campaignId));
        vm.prank(merchant);
        pool.withdraw(campaignId);
    }

    function test_withdraw_byOtherThanCreatorReverts() public {
        vm.warp(END);
        vm.expectRevert(abi.encodeWithSelector(RewardPool.NotCampaignCreator.selector, campaignId, relayer));
        vm.prank(relayer);
        pool.withdraw(campaignId);
    }

    function test_withdraw_unknownCampaignReverts() public {
        vm.expectRevert(abi.encodeWithSelector(RewardPool.CampaignNotFound.selector, 7));
        vm.prank(merchant);
        pool.withdraw(7);
    }

    function test_close_endsNowAndReturnsTheBudget() public {
        _claim(campaignId, _signals(alice, NULLIFIER));
        uint256 before = token.balanceOf(merchant);
        vm.expectEmit(true, true, true, true, address(pool));
        emit RewardPool.CampaignClosed(campaignId, merchant, BUDGET - REWARD);
        vm.prank(merchant);
        assertEq(pool.close(campaignId), BUDGET - REWARD);
        assertEq(token.balanceOf(merchant), before + BUDGET - REWARD, "refunded at once, not at the end date");
        assertEq(_remainingOf(campaignId), 0);

        // Nobody is paid afterwards, the creator cannot take twice or top up a closed campaign.
        uint256[SIGNAL_COUNT] memory late = _signals(relayer, NULLIFIER + 1);
        vm.expectRevert(abi.encodeWithSelector(RewardPool.CampaignNotActive.selector, campaignId));
        _claim(campaignId, late);
        vm.prank(merchant);
        assertEq(pool.withdraw(campaignId), 0, "withdraw after close finds nothing");
        vm.expectRevert(abi.encodeWithSelector(RewardPool.CampaignEnded.selector, campaignId));
        vm.prank(merchant);
        pool.close(campaignId);
        vm.expectRevert(abi.encodeWithSelector(RewardPool.CampaignEnded.selector, campaignId));
        vm.prank(merchant);
        pool.topUp(campaignId, 1 ether);
    }

    function test_close_worksWhilePaused() public {
        vm.prank(merchant);
        pool.pause(campaignId);
        vm.prank(merchant);
        assertEq(pool.close(campaignId), BUDGET);
    }

    function test_close_rules() public {
        vm.expectRevert(abi.encodeWithSelector(RewardPool.NotCampaignCreator.selector, campaignId, relayer));
        vm.prank(relayer);
        pool.close(campaignId);
        vm.expectRevert(abi.encodeWithSelector(RewardPool.CampaignNotFound.selector, 7));
        vm.prank(merchant);
        pool.close(7);
        vm.warp(END);
        vm.expectRevert(abi.encodeWithSelector(RewardPool.CampaignEnded.selector, campaignId));
        vm.prank(merchant);
        pool.close(campaignId);
    }

    // --- claim: the happy path -------------------------------------------------------------------

    function test_claim_relayerSubmitsAndRecipientIsPaid() public {
        uint256 relayerBefore = token.balanceOf(relayer);
        uint256[SIGNAL_COUNT] memory signals = _signals(alice, NULLIFIER);
        vm.expectEmit(true, true, true, true, address(pool));
        emit RewardPool.Claimed(campaignId, NULLIFIER, alice, REWARD);
        _claim(campaignId, signals);

        assertEq(token.balanceOf(alice), REWARD, "recipient paid");
        assertEq(token.balanceOf(relayer), relayerBefore, "relayer not paid");
        assertEq(_remainingOf(campaignId), BUDGET - REWARD, "remaining decremented");
        assertTrue(pool.nullifierUsed(NULLIFIER), "nullifier spent");
    }

    function test_claim_acceptsWindowBoundaries() public {
        uint256[SIGNAL_COUNT] memory s = _signals(alice, 1);
        _setTime(s, block.timestamp - pool.MAX_PROOF_AGE());
        _claim(campaignId, s);
        s = _signals(alice, 2);
        _setTime(s, block.timestamp + pool.MAX_CLOCK_DRIFT());
        _claim(campaignId, s);

        vm.warp(START);
        _claim(campaignId, _signals(alice, 3)); // first second of the campaign
        vm.warp(END - 1);
        _claim(campaignId, _signals(alice, 4)); // last second
        assertEq(token.balanceOf(alice), 4 * REWARD);
    }

    function test_claim_retiredKeyPaysDuringGraceOnly() public {
        vm.prank(owner);
        registry.rotateKey(1, 0xbeef2, 5, 6, 1 days);
        _claim(campaignId, _signals(alice, 1)); // old key, inside the grace
        vm.warp(block.timestamp + 1 days);
        uint256[SIGNAL_COUNT] memory s = _signals(alice, 2);
        vm.expectRevert(abi.encodeWithSelector(RewardPool.IssuerNotTrusted.selector, ISSUER_KEY_HASH));
        _claim(campaignId, s);
    }

    // --- claim: one test per rejection ----------------------------------------------------------

    function test_claim_unknownCampaignReverts() public {
        uint256[SIGNAL_COUNT] memory signals = _signals(alice, NULLIFIER);
        vm.expectRevert(abi.encodeWithSelector(RewardPool.CampaignNotFound.selector, 0));
        _claim(0, signals);
        vm.expectRevert(abi.encodeWithSelector(RewardPool.CampaignNotFound.selector, 2));
        _claim(2, signals);
    }

    function test_claim_beforeStartReverts() public {
        vm.warp(START - 1);
        uint256[SIGNAL_COUNT] memory signals = _signals(alice, NULLIFIER);
        vm.expectRevert(abi.encodeWithSelector(RewardPool.CampaignNotActive.selector, campaignId));
        _claim(campaignId, signals);
    }

    function test_claim_atOrAfterEndReverts() public {
        vm.warp(END);
        uint256[SIGNAL_COUNT] memory signals = _signals(alice, NULLIFIER);
        vm.expectRevert(abi.encodeWithSelector(RewardPool.CampaignNotActive.selector, campaignId));
        _claim(campaignId, signals);
    }

    function test_claim_otherStatementReverts() public {
        uint256[SIGNAL_COUNT] memory s = _signals(alice, NULLIFIER);
        s[SignalIndex.STATEMENT_HASH] += 1; // another predicate, issuer, merchant or scope
        vm.expectRevert(abi.encodeWithSelector(RewardPool.StatementNotInCampaign.selector, s[0]));
        _claim(campaignId, s);
    }

    function test_claim_proofForAnotherCampaignReverts() public {
        uint256 other = _createCampaign(_params()); // same predicate, other scope
        uint256[SIGNAL_COUNT] memory s = _signals(alice, NULLIFIER); // made for campaign 1
        vm.expectRevert(abi.encodeWithSelector(RewardPool.StatementNotInCampaign.selector, s[0]));
        _claim(other, s);
    }

    function test_claim_zeroRecipientReverts() public {
        uint256[SIGNAL_COUNT] memory s = _signals(alice, NULLIFIER);
        _setRecipient(s, address(0));
        vm.expectRevert(abi.encodeWithSelector(RewardPool.InvalidRecipient.selector, 0));
        _claim(campaignId, s);
    }

    function test_claim_revokedIssuerReverts() public {
        vm.prank(owner);
        registry.revokeKey(ISSUER_KEY_HASH);
        uint256[SIGNAL_COUNT] memory signals = _signals(alice, NULLIFIER);
        vm.expectRevert(abi.encodeWithSelector(RewardPool.IssuerNotTrusted.selector, ISSUER_KEY_HASH));
        _claim(campaignId, signals);
    }

    function test_claim_unregisteredIssuerReverts() public {
        RewardPool.CampaignParams memory params = _params();
        params.issuerKeyHashes[0] = 0xdead; // never registered
        uint256 id = _createCampaign(params);
        uint256[SIGNAL_COUNT] memory s = _signalsFor(id, alice, NULLIFIER);
        s[SignalIndex.STATEMENT_HASH] = _statementOf(id, 0xdead);
        vm.expectRevert(abi.encodeWithSelector(RewardPool.IssuerNotTrusted.selector, 0xdead));
        _claim(id, s);
    }

    function test_claim_oldProofReverts() public {
        uint256[SIGNAL_COUNT] memory s = _signals(alice, NULLIFIER);
        uint256 time = block.timestamp - pool.MAX_PROOF_AGE() - 1;
        _setTime(s, time);
        vm.expectRevert(abi.encodeWithSelector(RewardPool.ProofTooOld.selector, time));
        _claim(campaignId, s);
    }

    function test_claim_proofFromFutureReverts() public {
        uint256[SIGNAL_COUNT] memory s = _signals(alice, NULLIFIER);
        uint256 time = block.timestamp + pool.MAX_CLOCK_DRIFT() + 1;
        _setTime(s, time);
        vm.expectRevert(abi.encodeWithSelector(RewardPool.ProofFromFuture.selector, time));
        _claim(campaignId, s);

        time = type(uint256).max >> SignalIndex.RECIPIENT_BITS; // the largest time a signal can hold
        _setTime(s, time);
        vm.expectRevert(abi.encodeWithSelector(RewardPool.ProofFromFuture.selector, time));
        _claim(campaignId, s);
    }

    function test_claim_sameNullifierTwiceReverts() public {
        _claim(campaignId, _signals(alice, NULLIFIER));
        uint256[SIGNAL_COUNT] memory signals = _signals(vm.addr(5), NULLIFIER); // another recipient does not help
        vm.expectRevert(abi.encodeWithSelector(RewardPool.NullifierUsed.selector, NULLIFIER));
        _claim(campaignId, signals);
    }

    function test_claim_budgetExhaustedReverts() public {
        RewardPool.CampaignParams memory params = _params();
        params.budget = 2 * REWARD + 1; // two rewards and change
        uint256 id = _createCampaign(params);
        _claim(id, _signalsFor(id, alice, 1));
        _claim(id, _signalsFor(id, alice, 2));
        uint256[SIGNAL_COUNT] memory third = _signalsFor(id, alice, 3);
        vm.expectRevert(abi.encodeWithSelector(RewardPool.BudgetExhausted.selector, id));
        _claim(id, third);
        assertEq(_remainingOf(id), 1, "the change stays for the creator");
    }

    function test_claim_invalidProofRevertsAndPaysNothing() public {
        verifier.setAccepts(false);
        uint256[SIGNAL_COUNT] memory signals = _signals(alice, NULLIFIER);
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

        uint256[SIGNAL_COUNT] memory first = _signalsFor(id, alice, 1);
        uint256[SIGNAL_COUNT] memory second = _signalsFor(id, alice, 2);
        uint256[2] memory a;
        uint256[2][2] memory b;
        uint256[2] memory c;
        hostile.arm(address(pool), abi.encodeCall(RewardPool.claim, (id, a, b, c, second)));

        vm.expectRevert(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
        _claim(id, first);
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
        uint256[SIGNAL_COUNT] memory s = _signals(recipient, nullifier);
        // From MAX_CLOCK_DRIFT in the future to MAX_PROOF_AGE in the past.
        _setTime(
            s,
            block.timestamp + pool.MAX_CLOCK_DRIFT() - bound(proofAge, 0, pool.MAX_CLOCK_DRIFT() + pool.MAX_PROOF_AGE())
        );
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

    /// Any statement other than the campaign's (another predicate, issuer, merchant or campaign) is
    /// refused before the proof is even checked.
    function testFuzz_claim_rejectsAnyOtherStatement(uint256 statementHash) public {
        uint256[SIGNAL_COUNT] memory s = _signals(alice, NULLIFIER);
        vm.assume(statementHash != s[SignalIndex.STATEMENT_HASH]);
        s[SignalIndex.STATEMENT_HASH] = statementHash;
        vm.expectRevert(abi.encodeWithSelector(RewardPool.StatementNotInCampaign.selector, statementHash));
        _claim(campaignId, s);
    }

    /// The proof time is accepted exactly inside [now - MAX_PROOF_AGE, now + MAX_CLOCK_DRIFT].
    function testFuzz_claim_proofTimeWindow(uint256 proofTime) public {
        proofTime = bound(proofTime, 0, type(uint256).max >> SignalIndex.RECIPIENT_BITS);
        uint256[SIGNAL_COUNT] memory s = _signals(alice, NULLIFIER);
        _setTime(s, proofTime);
        if (proofTime > block.timestamp + pool.MAX_CLOCK_DRIFT()) {
            vm.expectRevert(abi.encodeWithSelector(RewardPool.ProofFromFuture.selector, proofTime));
        } else if (proofTime + pool.MAX_PROOF_AGE() < block.timestamp) {
            vm.expectRevert(abi.encodeWithSelector(RewardPool.ProofTooOld.selector, proofTime));
        }
        _claim(campaignId, s);
    }

    /// Whatever time a proof carries, a zero recipient never pays anyone.
    function testFuzz_claim_rejectsZeroRecipient(uint256 time) public {
        uint256[SIGNAL_COUNT] memory s = _signals(alice, NULLIFIER);
        s[SignalIndex.RECIPIENT_AND_TIME] = bound(time, 0, type(uint96).max) << SignalIndex.RECIPIENT_BITS;
        vm.expectRevert(abi.encodeWithSelector(RewardPool.InvalidRecipient.selector, 0));
        _claim(campaignId, s);
    }

    /// A claim against a campaign id nobody created never pays.
    function testFuzz_claim_unknownCampaign(uint256 id) public {
        vm.assume(id != campaignId);
        uint256[SIGNAL_COUNT] memory s = _signals(alice, NULLIFIER);
        vm.expectRevert(abi.encodeWithSelector(RewardPool.CampaignNotFound.selector, id));
        _claim(id, s);
    }

    function _expectInvalidParameter(RewardPool.CampaignParams memory params, string memory name) internal {
        vm.expectRevert(abi.encodeWithSelector(RewardPool.InvalidCampaignParameter.selector, name));
        _createCampaign(params);
    }
}
