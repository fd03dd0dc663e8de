// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {CredentialPredicate} from "../../src/CredentialPredicate.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Test} from "./Test.sol";
import {RewardPool} from "../../src/RewardPool.sol";
import {RewardToken} from "../../src/RewardToken.sol";
import {IssuerRegistry} from "../../src/IssuerRegistry.sol";
import {IGroth16Verifier} from "../../src/interfaces/IGroth16Verifier.sol";
import {SIGNAL_COUNT, SignalIndex} from "../../src/SignalIndex.sol";
import {MockProofRewardPool} from "../mocks/MockProofRewardPool.sol";
import {MockVerifier} from "../mocks/MockVerifier.sol";

/// @notice A deployed DeCDP with a mock verifier and one funded campaign, plus helpers that build
///         public signals matching that campaign. Shared by the unit, fuzz and invariant tests.
abstract contract RewardPoolSetup is Test {
    uint256 internal constant SNARK_SCALAR_FIELD =
        21888242871839275222246405745257275088548364400416034343698204186575808495617;

    // Issuer key hashes; the pool computes each campaign's statement hashes (Poseidon) from them.
    uint256 internal constant ISSUER_KEY_HASH = 0xbeef;
    uint256 internal constant OTHER_ISSUER_KEY_HASH = 0xcafe;

    /// @notice The request scope (merchant's address as a number) the default campaign names.
    uint256 internal constant MERCHANT_SCOPE = 0x5e11e7;
    uint256 internal constant REWARD = 5 ether;
    uint256 internal constant BUDGET = 100 ether;
    uint40 internal constant START = 1_700_000_000;
    uint40 internal constant END = START + 30 days;

    address internal owner = vm.addr(1);
    address internal merchant = vm.addr(2);
    address internal relayer = vm.addr(3);
    address internal alice = vm.addr(4);

    MockVerifier internal verifier;
    RewardToken internal token;
    IssuerRegistry internal registry;
    RewardPool internal pool;
    uint256 internal campaignId;
    uint256 internal saltCounter;

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
        vm.startPrank(owner);
        registry.registerIssuer(owner, "Example Bank", ISSUER_KEY_HASH, 1, 2);
        registry.registerIssuer(owner, "Other Bank", OTHER_ISSUER_KEY_HASH, 3, 4);
        token.mint(merchant, 1_000_000 ether);
        vm.stopPrank();
        vm.prank(merchant);
        token.approve(address(pool), type(uint256).max);

        campaignId = _createCampaign(_params());
        vm.warp(START + 1 days); // inside the campaign
    }

    /// @dev A pool whose claim() asks the mock verifier too (the real key is inline in RewardPool).
    ///      Overridden by tests that need another pool.
    function _deployPool() internal virtual returns (RewardPool) {
        return new MockProofRewardPool(verifier, registry, IERC20(address(token)));
    }

    /// @notice The next campaign's parameters: a fresh salt, the default predicate, one issuer.
    function _params() internal returns (RewardPool.CampaignParams memory params) {
        bytes32 salt = bytes32(++saltCounter);
        uint256[] memory issuers = new uint256[](1);
        issuers[0] = ISSUER_KEY_HASH;
        params = RewardPool.CampaignParams({
            token: token,
            rewardPerClaim: REWARD,
            budget: BUDGET,
            start: START,
            end: END,
            salt: salt,
            predicate: _agePredicate(),
            merchantScope: MERCHANT_SCOPE,
            issuerKeyHashes: issuers,
            metadata: bytes('{"predicate":{"attribute":"age","op":"gte","value":18}}')
        });
    }

    /// @notice age (attribute 1) gte (6) 18. The set hash stands for Poseidon of the padded set: the
    ///         pool hashes whatever field element it gets (RewardPool.realProof.t.sol uses the real one).
    function _agePredicate() internal pure returns (CredentialPredicate.Predicate memory) {
        return CredentialPredicate.Predicate({attributeId: 1, operator: 6, operandA: 18, operandB: 0, setHash: 0x5e7});
    }

    /// @notice The statement hash the pool computed for campaign `id` and `issuerKeyHash` (default predicate).
    function _statementOf(uint256 id, uint256 issuerKeyHash) internal view returns (uint256) {
        return pool.statementHashOf(_agePredicate(), issuerKeyHash, MERCHANT_SCOPE, _scopeOf(id));
    }

    function _createCampaign(RewardPool.CampaignParams memory params) internal returns (uint256 id) {
        vm.prank(merchant);
        id = pool.createCampaign(params);
    }

    function _scopeOf(uint256 id) internal view returns (uint256 scope) {
        (,,,,,,, scope) = pool.campaigns(id);
    }

    function _remainingOf(uint256 id) internal view returns (uint256 remaining) {
        (,,,,, remaining,,) = pool.campaigns(id);
    }

    function _pausedOf(uint256 id) internal view returns (bool paused) {
        (,,, paused,,,,) = pool.campaigns(id);
    }

    /// @notice Signals a valid proof for campaign `id` would carry, paying `recipient`, with `nullifier`.
    /// @dev Build them before vm.expectRevert: this reads the pool, and that call would be the one
    ///      the expectation applies to.
    function _signalsFor(uint256 id, address recipient, uint256 nullifier)
        internal
        view
        returns (uint256[SIGNAL_COUNT] memory s)
    {
        s[SignalIndex.STATEMENT_HASH] = _statementOf(id, ISSUER_KEY_HASH);
        s[SignalIndex.NULLIFIER] = nullifier;
        s[SignalIndex.RECIPIENT_AND_TIME] = _pack(recipient, block.timestamp);
        s[SignalIndex.CONTEXT_HASH] = 0x4e57;
    }

    function _pack(address recipient, uint256 time) internal pure returns (uint256) {
        return uint256(uint160(recipient)) | (time << SignalIndex.RECIPIENT_BITS);
    }

    function _setTime(uint256[SIGNAL_COUNT] memory s, uint256 time) internal pure {
        s[SignalIndex.RECIPIENT_AND_TIME] = _pack(address(uint160(s[SignalIndex.RECIPIENT_AND_TIME])), time);
    }

    function _setRecipient(uint256[SIGNAL_COUNT] memory s, address recipient) internal pure {
        s[SignalIndex.RECIPIENT_AND_TIME] =
            _pack(recipient, s[SignalIndex.RECIPIENT_AND_TIME] >> SignalIndex.RECIPIENT_BITS);
    }

    function _signals(address recipient, uint256 nullifier) internal view returns (uint256[SIGNAL_COUNT] memory) {
        return _signalsFor(campaignId, recipient, nullifier);
    }

    /// @notice Submits a claim as the relayer with a dummy proof (the mock verifier decides).
    function _claim(uint256 id, uint256[SIGNAL_COUNT] memory signals) internal {
        uint256[2] memory a;
        uint256[2][2] memory b;
        uint256[2] memory c;
        vm.prank(relayer);
        pool.claim(id, a, b, c, signals);
    }

    function _proof(uint256[SIGNAL_COUNT] memory signals) internal pure returns (IGroth16Verifier.Proof memory p) {
        p.signals = signals;
    }
}
