// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Vm} from "./Vm.sol";

/// @title Test
/// @notice A tiny stand-in for forge-std's Test: the cheatcode handle `vm` and the assertions these
///         tests use. Assertions call forge's assertion cheatcodes, so failures print both values
///         just as forge-std's do. forge runs every public function whose name starts with `test`
///         (fuzzed when it takes arguments) after `setUp`, and `invariant*` functions for invariants.
abstract contract Test {
    /// @notice The cheatcode address: keccak256("hevm cheat code") truncated to 20 bytes.
    Vm internal constant vm = Vm(0x7109709ECfa91a80626fF3989D68f67F5b1DD12D);

    function assertEq(uint256 left, uint256 right) internal pure {
        vm.assertEq(left, right, "values differ");
    }

    function assertEq(uint256 left, uint256 right, string memory message) internal pure {
        vm.assertEq(left, right, message);
    }

    function assertEq(address left, address right) internal pure {
        vm.assertEq(left, right, "addresses differ");
    }

    function assertEq(address left, address right, string memory message) internal pure {
        vm.assertEq(left, right, message);
    }

    function assertEq(bytes32 left, bytes32 right) internal pure {
        vm.assertEq(left, right, "values differ");
    }

    function assertEq(bytes32 left, bytes32 right, string memory message) internal pure {
        vm.assertEq(left, right, message);
    }

    function assertEq(bool left, bool right) internal pure {
        vm.assertEq(left, right, "booleans differ");
    }

    function assertEq(string memory left, string memory right) internal pure {
        vm.assertEq(left, right, "strings differ");
    }

    function assertEq(string memory left, string memory right, string memory message) internal pure {
        vm.assertEq(left, right, message);
    }

    function assertTrue(bool condition, string memory message) internal pure {
        vm.assertTrue(condition, message);
    }

    function assertFalse(bool condition, string memory message) internal pure {
        vm.assertFalse(condition, message);
    }

    /// @notice Maps any fuzz input into [min, max] without discarding runs (unlike vm.assume).
    function bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        require(min <= max, "bound: min > max");
        if (min == 0 && max == type(uint256).max) return x;
        return min + (x % (max - min + 1));
    }
}
