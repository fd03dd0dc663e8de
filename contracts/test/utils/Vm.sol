// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title Vm
/// @notice The forge cheatcodes these tests use, and nothing else. forge-std is not available offline
///         (npm has only an old unofficial copy), so this declares the few we need. forge answers any
///         call to VM_ADDRESS by selector, so each signature must match forge's exactly; the names
///         and documentation follow forge-std's Vm.sol. Add a cheatcode here when a test needs one.
/// @dev Reference: https://book.getfoundry.sh/cheatcodes/
interface Vm {
    /// Gas of the last call the test made (forge-std's Vm.Gas): gasTotalUsed is the callee's execution
    /// gas, without the transaction's 21,000 and calldata.
    struct Gas {
        uint64 gasLimit;
        uint64 gasTotalUsed;
        uint64 gasMemoryUsed;
        int64 gasRefunded;
        uint64 gasRemaining;
    }

    // --- caller, time -------------------------------------------------------------------------
    /// Sets msg.sender for the next call only.
    function prank(address msgSender) external;
    /// Sets msg.sender for every call until stopPrank.
    function startPrank(address msgSender) external;
    /// Ends startPrank.
    function stopPrank() external;
    /// Sets block.timestamp.
    function warp(uint256 newTimestamp) external;
    /// Computes the address of a private key (for readable, deterministic test accounts).
    function addr(uint256 privateKey) external pure returns (address keyAddr);
    /// Marks an account's storage cold again (EIP-2929). forge 1.7 leaves the account itself warm
    /// (measured: a later call to it costs 100, not 2,600).
    function cool(address target) external;
    /// Gas of the last call the test made.
    function lastCallGas() external view returns (Gas memory gas);
    /// Names an address in traces.
    function label(address account, string calldata newLabel) external;

    // --- expectations ---------------------------------------------------------------------------
    /// The next call must revert with exactly this data (selector + ABI-encoded arguments).
    function expectRevert(bytes calldata revertData) external;
    /// The next call must revert with this custom error selector (any arguments).
    function expectRevert(bytes4 revertData) external;
    /// The next call must revert, with any data.
    function expectRevert() external;
    /// The next event emitted by `emitter` must match the next event the test emits, on the
    /// topics and data selected by the flags.
    function expectEmit(bool checkTopic1, bool checkTopic2, bool checkTopic3, bool checkData, address emitter) external;

    // --- fuzzing, skipping ---------------------------------------------------------------------
    /// Discards the current fuzz input when `condition` is false.
    function assume(bool condition) external pure;
    /// Marks the current test as skipped, showing `reason`. Must be called at the test's top level.
    function skip(bool skipTest, string calldata reason) external;

    // --- files and JSON (paths are relative to the project root; see fs_permissions) ------------
    /// True when the path exists.
    function exists(string calldata path) external view returns (bool result);
    /// Reads a whole file as a string.
    function readFile(string calldata path) external view returns (string memory data);
    /// Reads a number at a JSON path; decimal strings are accepted ("123").
    function parseJsonUint(string calldata json, string calldata key) external pure returns (uint256);
    /// Reads an array of numbers at a JSON path; decimal strings are accepted.
    function parseJsonUintArray(string calldata json, string calldata key) external pure returns (uint256[] memory);
    /// Reads an address ("0x...") at a JSON path.
    function parseJsonAddress(string calldata json, string calldata key) external pure returns (address);
    /// Decimal text of a number (builds JSON paths such as ".claims[3]").
    function toString(uint256 value) external pure returns (string memory);

    // --- assertions (forge formats the failure message with both values) -----------------------
    function assertEq(uint256 left, uint256 right, string calldata message) external pure;
    function assertEq(address left, address right, string calldata message) external pure;
    function assertEq(bytes32 left, bytes32 right, string calldata message) external pure;
    function assertEq(bool left, bool right, string calldata message) external pure;
    function assertEq(string calldata left, string calldata right, string calldata message) external pure;
    function assertTrue(bool condition, string calldata message) external pure;
    function assertFalse(bool condition, string calldata message) external pure;
    function assertLe(uint256 left, uint256 right, string calldata message) external pure;
    function assertGe(uint256 left, uint256 right, string calldata message) external pure;
}
