// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {RewardPool} from "../../src/RewardPool.sol";
import {IGroth16Verifier} from "../../src/interfaces/IGroth16Verifier.sol";
import {IIssuerRegistry} from "../../src/interfaces/IIssuerRegistry.sol";

/// @notice Test-only RewardPool whose next campaigns can get a pinned scope. A pre-generated proof
///         (test/fixtures/*.json) binds the nullifier scope it was made for; pinning lets a fresh
///         test pool accept it. Lives in test/ so production keeps the derived scope with no setter.
contract TestableRewardPool is RewardPool {
    uint256 public pinnedScope;

    constructor(IGroth16Verifier verifier_, IIssuerRegistry issuerRegistry_, IERC20 defaultToken_)
        RewardPool(verifier_, issuerRegistry_, defaultToken_)
    {}

    /// @notice Campaigns created from now on get `scope`; 0 returns to the derived scope.
    function pinScope(uint256 scope) external {
        pinnedScope = scope;
    }

    function _scopeFor(address creator, bytes32 salt) internal view override returns (uint256) {
        return pinnedScope == 0 ? super._scopeFor(creator, salt) : pinnedScope;
    }
}
