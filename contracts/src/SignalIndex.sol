// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

// Number of public signals of the credential circuit (v2). File-level so it can size arrays
// (`uint256[SIGNAL_COUNT]`) in every contract that handles signals.
uint256 constant SIGNAL_COUNT = 4;

/// @title SignalIndex
/// @notice Positions of the credential circuit's public signals, in snarkjs order (the circuit's
///         outputs in declaration order, circuits/src/credential.circom).
/// @dev Must match sdk/src/protocol/publicSignals.ts. A change to the circuit's signals changes
///      these indices, SIGNAL_COUNT, RewardPool._readSignals and the generated CredentialVerifier.
library SignalIndex {
    /// @notice Poseidon(issuerKeyHash, attributeId, operator, operandA, operandB, setHash,
    ///         merchantScope, nullifierScope): the statement a campaign pays for, fixed in advance.
    uint256 internal constant STATEMENT_HASH = 0;
    /// @notice Poseidon(holderSecret, nullifierScope): one claim per holder per campaign scope.
    uint256 internal constant NULLIFIER = 1;
    /// @notice recipient + now * 2^160: the reward recipient (bound in the proof so a relayer cannot
    ///         redirect it) and the unix seconds the prover claims (the pool checks it is recent).
    uint256 internal constant RECIPIENT_AND_TIME = 2;
    /// @notice Poseidon(pseudonym, requestHash): read by merchants only.
    uint256 internal constant CONTEXT_HASH = 3;
    /// @notice Bits of the recipient in RECIPIENT_AND_TIME; the time sits above them.
    uint256 internal constant RECIPIENT_BITS = 160;
    /// @notice Number of public signals.
    uint256 internal constant COUNT = SIGNAL_COUNT;
}
