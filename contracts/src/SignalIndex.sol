// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title SignalIndex
/// @notice Positions of the credential circuit's public signals, in snarkjs order: the circuit's
///         outputs first, then its public inputs in declaration order (circuits/src/credential.circom).
/// @dev Must match sdk/src/protocol/publicSignals.ts. A change to the circuit's signals changes
///      these indices and COUNT, and the generated verifier's `_pubSignals` length with them.
library SignalIndex {
    /// @notice Poseidon(Ax, Ay) of the issuer's Baby Jubjub key: who signed the credential.
    uint256 internal constant ISSUER_KEY_HASH = 0;
    /// @notice Poseidon of the value set used by the `in` / `notIn` operators.
    uint256 internal constant SET_HASH = 1;
    /// @notice Poseidon(holderSecret, merchantScope): the holder's pseudonym at one merchant.
    uint256 internal constant PSEUDONYM = 2;
    /// @notice Poseidon(holderSecret, nullifierScope): one claim per holder per scope.
    uint256 internal constant NULLIFIER = 3;
    /// @notice Attribute id from the published vocabulary.
    uint256 internal constant ATTRIBUTE_ID = 4;
    /// @notice Operator code (eq, ne, lt, ... as numbered by the circuit).
    uint256 internal constant OPERATOR = 5;
    /// @notice First operand (the value, or the lower bound of a range).
    uint256 internal constant OPERAND_A = 6;
    /// @notice Second operand (the upper bound of a range).
    uint256 internal constant OPERAND_B = 7;
    /// @notice Unix seconds the prover claims; the verifier checks it is recent.
    uint256 internal constant NOW = 8;
    /// @notice The pseudonym's domain (e.g. the merchant's address).
    uint256 internal constant MERCHANT_SCOPE = 9;
    /// @notice The nullifier's domain; for RewardPool it is the campaign's scope.
    uint256 internal constant NULLIFIER_SCOPE = 10;
    /// @notice Reward recipient as a field element; bound in the proof so a relayer cannot redirect it.
    uint256 internal constant RECIPIENT = 11;
    /// @notice Hash of the merchant's signed request.
    uint256 internal constant REQUEST_HASH = 12;
    /// @notice Number of public signals.
    uint256 internal constant COUNT = 13;
}
