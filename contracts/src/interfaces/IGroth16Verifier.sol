// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {SIGNAL_COUNT} from "../SignalIndex.sol";

/// @title IGroth16Verifier
/// @notice What RewardPool needs from a verifier of the credential circuit: one proof, or a batch.
/// @dev src/CredentialVerifier.sol implements it (generated from the verification key by
///      scripts/generate-verifier.ts); tests substitute a mock. The signal count comes from
///      SignalIndex, so a verifier for another layout does not compile against the pool.
interface IGroth16Verifier {
    /// @notice One proof with its public signals, points in the order snarkjs exports for Solidity.
    struct Proof {
        uint256[2] a;
        uint256[2][2] b;
        uint256[2] c;
        uint256[SIGNAL_COUNT] signals;
    }

    /// @notice Checks one Groth16 proof against the circuit's verification key.
    /// @param a The proof's A point (G1).
    /// @param b The proof's B point (G2, coordinates in the order snarkjs exports for Solidity).
    /// @param c The proof's C point (G1).
    /// @param signals The public signals, indexed by SignalIndex (src/SignalIndex.sol).
    /// @return True when the proof is valid; false otherwise (including a signal outside the field).
    function verifyProof(
        uint256[2] calldata a,
        uint256[2][2] calldata b,
        uint256[2] calldata c,
        uint256[SIGNAL_COUNT] calldata signals
    ) external view returns (bool);

    /// @notice Checks the proofs selected by `mask` (bit i = proofs[i]) together, by a random linear
    ///         combination: true only if (with overwhelming probability) every selected proof is valid.
    /// @param proofs Up to 16 proofs.
    /// @param mask Which proofs to check; the others are ignored. An empty selection is false.
    /// @return True when every selected proof is valid; false when at least one is not (which one is not said).
    function verifyBatch(Proof[] calldata proofs, uint256 mask) external view returns (bool);
}
