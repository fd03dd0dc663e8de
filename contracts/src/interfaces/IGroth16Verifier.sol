// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IGroth16Verifier
/// @notice The function of the snarkjs-exported verifier (src/Groth16Verifier.sol) that RewardPool calls.
/// @dev Declared separately so the pool depends on the shape, not the generated file, and tests can
///      substitute a mock. The signature must match the generated `verifyProof` exactly (uint == uint256).
interface IGroth16Verifier {
    /// @notice Checks a Groth16 proof against the circuit's verification key.
    /// @param a The proof's A point (G1).
    /// @param b The proof's B point (G2, coordinates in the order snarkjs exports for Solidity).
    /// @param c The proof's C point (G1).
    /// @param publicSignals The circuit's public signals, indexed by SignalIndex.
    /// @return True when the proof is valid; false otherwise (including a signal outside the field).
    function verifyProof(
        uint256[2] calldata a,
        uint256[2][2] calldata b,
        uint256[2] calldata c,
        uint256[13] calldata publicSignals
    ) external view returns (bool);
}
