// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IIssuerRegistry} from "./interfaces/IIssuerRegistry.sol";

/// @title IssuerRegistry
/// @notice The credential issuers DeCDP trusts, identified by the hash of their Baby Jubjub key.
/// @dev issuerKeyHash = Poseidon(Ax, Ay), computed off-chain; the circuit outputs the same hash as a
///      public signal, so a verifier compares numbers and never handles curve points. Revocation is
///      final for a key: a revoked key may have leaked, so trusting it again would also revive
///      credentials forged with it. An issuer that rotates its key registers the new key.
///      Ownable2Step because handing the registry to a wrong address would freeze issuer trust.
contract IssuerRegistry is IIssuerRegistry, Ownable2Step {
    /// @notice BN254 scalar field order; Poseidon outputs are below it.
    uint256 internal constant SNARK_SCALAR_FIELD =
        21888242871839275222246405745257275088548364400416034343698204186575808495617;

    /// @notice Lifecycle of an issuer key.
    enum Status {
        Unknown,
        Trusted,
        Revoked
    }

    /// @notice What the registry keeps per key.
    struct Issuer {
        Status status;
        string name;
    }

    /// @notice Issuer records by key hash.
    mapping(uint256 issuerKeyHash => Issuer) public issuers;

    /// @notice A key was registered and is trusted from this block on.
    event IssuerRegistered(uint256 indexed issuerKeyHash, string name);
    /// @notice A key was revoked; proofs from it are refused from this block on.
    event IssuerRevoked(uint256 indexed issuerKeyHash);

    /// @notice The key hash is zero or not a BN254 field element, so no proof could carry it.
    error InvalidIssuerKeyHash(uint256 issuerKeyHash);
    /// @notice The name is empty; people and auditors need to read who an issuer is.
    error EmptyIssuerName();
    /// @notice The key is already trusted.
    error IssuerAlreadyRegistered(uint256 issuerKeyHash);
    /// @notice The key was revoked; revocation is final.
    error IssuerKeyRevoked(uint256 issuerKeyHash);
    /// @notice The key was never registered.
    error IssuerNotRegistered(uint256 issuerKeyHash);

    /// @param initialOwner The account that registers and revokes issuers.
    constructor(address initialOwner) Ownable(initialOwner) {}

    /// @notice Trusts an issuer key. Only the owner.
    /// @param issuerKeyHash Poseidon(Ax, Ay) of the issuer's Baby Jubjub public key.
    /// @param name Human-readable issuer name (e.g. "Example Bank").
    function register(uint256 issuerKeyHash, string calldata name) external onlyOwner {
        if (issuerKeyHash == 0 || issuerKeyHash >= SNARK_SCALAR_FIELD) revert InvalidIssuerKeyHash(issuerKeyHash);
        if (bytes(name).length == 0) revert EmptyIssuerName();
        Status status = issuers[issuerKeyHash].status;
        if (status == Status.Trusted) revert IssuerAlreadyRegistered(issuerKeyHash);
        if (status == Status.Revoked) revert IssuerKeyRevoked(issuerKeyHash);
        issuers[issuerKeyHash] = Issuer({status: Status.Trusted, name: name});
        emit IssuerRegistered(issuerKeyHash, name);
    }

    /// @notice Stops trusting an issuer key, for good. Only the owner.
    /// @param issuerKeyHash The key to revoke.
    function revoke(uint256 issuerKeyHash) external onlyOwner {
        Status status = issuers[issuerKeyHash].status;
        if (status == Status.Unknown) revert IssuerNotRegistered(issuerKeyHash);
        if (status == Status.Revoked) revert IssuerKeyRevoked(issuerKeyHash);
        issuers[issuerKeyHash].status = Status.Revoked;
        emit IssuerRevoked(issuerKeyHash);
    }

    /// @inheritdoc IIssuerRegistry
    function isTrusted(uint256 issuerKeyHash) external view returns (bool) {
        return issuers[issuerKeyHash].status == Status.Trusted;
    }
}
