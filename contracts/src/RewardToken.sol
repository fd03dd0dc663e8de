// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @title RewardToken
/// @notice The ERC-20 that DeCDP campaigns pay rewards in ("DeCDP Reward", DCDP, 18 decimals).
/// @dev Any ERC-20 can fund a RewardPool campaign; this one exists so a local chain has a token.
contract RewardToken is ERC20, Ownable {
    /// @param initialOwner The account allowed to mint.
    constructor(address initialOwner) ERC20("DeCDP Reward", "DCDP") Ownable(initialOwner) {}

    /// @notice Creates `amount` tokens (18 decimals) for `to`. Only the owner.
    /// @param to Receives the new tokens.
    /// @param amount Amount in the smallest unit.
    function mint(address to, uint256 amount) external onlyOwner {
        _mint(to, amount);
    }
}
