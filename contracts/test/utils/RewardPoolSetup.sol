// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test} from "./Test.sol";
import {RewardPool} from "../../src/RewardPool.sol";
import {RewardToken} from "../../src/RewardToken.sol";
import {IssuerRegistry} from "../../src/IssuerRegistry.sol";
import {SignalIndex} from "../../src/SignalIndex.sol";
import {MockVerifier} from "../mocks/MockVerifier.sol";

/// @notice A deployed DeCDP with a mock verifier and one funded campaign, plus helpers that build
///         public signals matching that campaign. Shared by the unit, fuzz and invariant tests.
abstract contract RewardPoolSetup is Test {
    uint256 internal constant SNARK_SCALAR_FIELD =
        21888242871839275222246405745257275088548364400416034343698204186575808495617;

    // A predicate as the SDK would encode it ("age >= 18" style); the values only need to match.
    uint256 internal constant ATTRIBUTE_ID = 3;
    uint256 internal constant OPERATOR = 6;
    uint256 internal constant OPERAND_A = 18;
    uint256 internal constant OPERAND_B = 0;
    uint256 internal constant SET_HASH = 0x1234;
    uint256 internal constant ISSUER_KEY_HASH = 0xbeef;

    uint256 internal constant REWARD = 5 ether;
    uint256 internal constant BUDGET = 100 ether;
    uint48 internal constant START = 1_700_000_000;
    uint48 internal constant END = START + 30 days;

    address internal owner = vm.addr(1);
    address internal merchant = vm.addr(2);
    address internal relayer = vm.addr(3);
    address internal alice = vm.addr(4);

    MockVerifier internal verifier;
    RewardToken internal token;
    IssuerRegistry internal registry;
    RewardPool internal pool;
    uint256 internal campaignId;

    function setUp() public virtual {
        vm.label(owner, "owner");
        vm.label(merchant, "merchant");
        vm.label(relayer, "relayer");
        vm.label(alice, "alice");
        vm.warp(START - 1 hours); // campaigns may be created before they start

        verifier = new MockVerifier();
        token = new RewardToken(owner);
        registry = new IssuerRegistry(owner);
        pool = _deployPool();
        vm.prank(owner);
        registry.register(ISSUER_KEY_HASH, "Example Bank");
        vm.prank(owner);
        token.mint(merchant, 1_000_000 ether);
        vm.prank(merchant);
        token.approve(address(pool), type(uint256).max);

        campaignId = _createCampaign(_params());
        vm.warp(START + 1 days); // inside the campaign
    }

    /// @dev Overridden by tests that need a TestableRewardPool.
    function _deployPool() internal virtual returns (RewardPool) {
        return new RewardPool(verifier, registry);
    }

    function _params() internal view returns (RewardPool.CampaignParams memory) {
        return RewardPool.CampaignParams({
            token: token,
            rewardPerClaim: REWARD,
            budget: BUDGET,
            attributeId: ATTRIBUTE_ID,
            operator: OPERATOR,
            operandA: OPERAND_A,
            operandB: OPERAND_B,
            setHash: SET_HASH,
            issuerKeyHash: ISSUER_KEY_HASH,
            start: START,
            end: END
        });
    }

    function _createCampaign(RewardPool.CampaignParams memory params) internal returns (uint256 id) {
        vm.prank(merchant);
        id = pool.createCampaign(params);
    }

    function _scopeOf(uint256 id) internal view returns (uint256 scope) {
        (,,,,,, scope,) = pool.campaigns(id);
    }

    function _remainingOf(uint256 id) internal view returns (uint256 remaining) {
        (,,,, remaining,,,) = pool.campaigns(id);
    }

    /// @notice Signals a valid proof for `campaignId` would carry, paying `recipient`, with `nullifier`.
    /// @dev Build them before vm.expectRevert: this reads the pool, and that call would be the one
    ///      the expectation applies to.
    function _signals(address recipient, uint256 nullifier) internal view returns (uint256[13] memory s) {
        s[SignalIndex.ISSUER_KEY_HASH] = ISSUER_KEY_HASH;
        s[SignalIndex.SET_HASH] = SET_HASH;
        s[SignalIndex.PSEUDONYM] = 0x5eed;
        s[SignalIndex.NULLIFIER] = nullifier;
        s[SignalIndex.ATTRIBUTE_ID] = ATTRIBUTE_ID;
        s[SignalIndex.OPERATOR] = OPERATOR;
        s[SignalIndex.OPERAND_A] = OPERAND_A;
        s[SignalIndex.OPERAND_B] = OPERAND_B;
        s[SignalIndex.NOW] = block.timestamp;
        s[SignalIndex.MERCHANT_SCOPE] = uint256(uint160(merchant));
        s[SignalIndex.NULLIFIER_SCOPE] = _scopeOf(campaignId);
        s[SignalIndex.RECIPIENT] = uint256(uint160(recipient));
        s[SignalIndex.REQUEST_HASH] = 0x4e57;
    }

    /// @notice Submits a claim as the relayer with a dummy proof (the mock verifier decides).
    function _claim(uint256 id, uint256[13] memory signals) internal {
        uint256[2] memory a;
        uint256[2][2] memory b;
        uint256[2] memory c;
        vm.prank(relayer);
        pool.claim(id, a, b, c, signals);
    }
}
