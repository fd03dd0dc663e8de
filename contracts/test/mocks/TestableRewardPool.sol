// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {RewardPool} from "../../src/RewardPool.sol";
import {IGroth16Verifier} from "../../src/interfaces/IGroth16Verifier.sol";
import {IIssuerRegistry} from "../../src/interfaces/IIssuerRegistry.sol";

/// @notice Test-only RewardPool whose next campaigns can get a pinned scope. A pre-generated proof
///         (test/fixtures/claim.json) binds the nullifier scope of the pool that existed when it was
///         made; pinning lets a fresh test pool accept it. Lives in test/ so production keeps the
///         derived scope with no setter at all.
contract TestableRewardPool is RewardPool {
    uint256 public pinnedScope;

    constructor(IGroth16Verifier verifier_, IIssuerRegistry issuerRegistry_) RewardPool(verifier_, issuerRegistry_) {}

    /// @notice Campaigns created from now on get `scope`; 0 returns to the derived scope.
    function pinScope(uint256 scope) external {
        pinnedScope = scope;
    }

    function _scopeFor(uint256 campaignId) internal view override returns (uint256) {
        return pinnedScope == 0 ? super._scopeFor(campaignId) : pinnedScope;
    }
}
