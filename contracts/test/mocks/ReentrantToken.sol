// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice An ERC-20 that, once armed, calls back into a target (e.g. RewardPool.claim) from inside
///         every transfer, like a hostile token or an ERC-777 hook would.
contract ReentrantToken is ERC20 {
    address public target;
    bytes public callData;

    constructor() ERC20("Reentrant Token", "RE") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function arm(address target_, bytes calldata callData_) external {
        target = target_;
        callData = callData_;
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        address target_ = target;
        if (target_ != address(0)) {
            target = address(0); // one attempt, so the test sees the guard's error and not a loop
            (bool ok, bytes memory reason) = target_.call(callData);
            if (!ok) {
                assembly {
                    revert(add(reason, 0x20), mload(reason))
                }
            }
        }
    }
}
