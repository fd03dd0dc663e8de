// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title console
/// @notice The two console.log forms these tests use. forge prints calls to CONSOLE_ADDRESS
///         (hardhat's console.sol convention) under the test's logs with `-vv`.
library console {
    address internal constant CONSOLE_ADDRESS = 0x000000000000000000636F6e736F6c652e6c6f67;

    /// Prints a line.
    function log(string memory message) internal view {
        _send(abi.encodeWithSignature("log(string)", message));
    }

    /// Prints a line followed by a number.
    function log(string memory message, uint256 value) internal view {
        _send(abi.encodeWithSignature("log(string,uint256)", message, value));
    }

    /// A staticcall so log works from view functions too; the console address has no code, so the
    /// call only exists to be traced by forge and its result is ignored.
    function _send(bytes memory payload) private view {
        (bool ignored,) = CONSOLE_ADDRESS.staticcall(payload);
        ignored;
    }
}
