// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IIssuerRegistry
/// @notice What RewardPool needs to know about credential issuers.
interface IIssuerRegistry {
    /// @notice Whether credentials signed by this issuer key are accepted now.
    /// @param issuerKeyHash Poseidon(Ax, Ay) of the issuer's Baby Jubjub public key.
    /// @return True when the key is registered and not revoked.
    function isTrusted(uint256 issuerKeyHash) external view returns (bool);
}
