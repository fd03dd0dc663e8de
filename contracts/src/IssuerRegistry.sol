// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IIssuerRegistry} from "./interfaces/IIssuerRegistry.sol";

/// @title IssuerRegistry
/// @notice The credential issuers DeCDP trusts and their Baby Jubjub keys, identified by
///         keyHash = Poseidon(Ax, Ay), the number the credential circuit outputs.
/// @dev Governance (the owner, Ownable2Step so a mistyped address cannot freeze issuer trust) admits
///      issuers and can revoke any key. Each issuer has an admin account that rotates its key,
///      revokes its own keys and publishes its credential revocation list (a root and where to
///      fetch it). Key lifecycle: Active -> Retired (rotated out; trusted until a grace end, so
///      credentials signed before the rotation keep working for a while) -> Revoked (final: a
///      revoked key may have leaked, so trusting it again would revive forged credentials).
///      The registry stores (Ax, Ay) beside the hash; it does not recompute Poseidon on-chain, so an
///      auditor checks keyHash == Poseidon(Ax, Ay) off-chain (sdk/auditor).
contract IssuerRegistry is IIssuerRegistry, Ownable2Step {
    /// @notice BN254 scalar field order; Poseidon outputs and Baby Jubjub coordinates are below it.
    uint256 internal constant SNARK_SCALAR_FIELD =
        21888242871839275222246405745257275088548364400416034343698204186575808495617;
    /// @notice Longest grace a rotated key may keep.
    uint256 public constant MAX_ROTATION_GRACE = 365 days;

    /// @notice Lifecycle of an issuer key.
    enum KeyStatus {
        Unknown,
        Active,
        Retired,
        Revoked
    }

    /// @notice What the registry keeps per key.
    struct Key {
        KeyStatus status; // slot 0
        uint40 trustedUntil; // slot 0: for Retired keys, the end of the grace
        uint64 issuerId; // slot 0
        uint256 ax; // Baby Jubjub public key, x
        uint256 ay; // Baby Jubjub public key, y
    }

    /// @notice What the registry keeps per issuer.
    struct Issuer {
        address admin; // rotates keys, revokes its keys, publishes revocations
        uint256 currentKeyHash; // 0 once the current key is revoked
        bytes32 revocationRoot; // root of the issuer's credential revocation list
        uint40 revocationUpdatedAt;
        string name;
        string revocationUri; // where the list behind the root is published
    }

    /// @notice Number of issuers; ids run from 1 to issuerCount.
    uint256 public issuerCount;
    /// @notice Issuers by id.
    mapping(uint256 issuerId => Issuer) public issuers;
    /// @notice Keys by hash.
    mapping(uint256 keyHash => Key) public keys;

    /// @notice Governance admitted an issuer with its first key.
    event IssuerRegistered(uint256 indexed issuerId, address indexed admin, uint256 indexed keyHash, string name);
    /// @notice A key was added to an issuer and is trusted from this block on.
    event KeyActivated(uint256 indexed issuerId, uint256 indexed keyHash, uint256 ax, uint256 ay);
    /// @notice A key was rotated out; it stays trusted until `trustedUntil`.
    event KeyRetired(uint256 indexed issuerId, uint256 indexed keyHash, uint40 trustedUntil);
    /// @notice A key was revoked; proofs from it are refused from this block on.
    event KeyRevoked(uint256 indexed issuerId, uint256 indexed keyHash, address indexed by);
    /// @notice The issuer's admin account changed.
    event IssuerAdminChanged(uint256 indexed issuerId, address indexed previousAdmin, address indexed newAdmin);
    /// @notice The issuer published a new credential revocation list.
    event RevocationsPublished(uint256 indexed issuerId, bytes32 root, string uri);

    /// @notice The key hash or a coordinate is zero or not a BN254 field element.
    error InvalidKey(uint256 keyHash);
    /// @notice The name is empty; people and auditors need to read who an issuer is.
    error EmptyIssuerName();
    /// @notice The admin is the zero address.
    error InvalidAdmin();
    /// @notice The key is already known (active, retired or revoked): a key belongs to one issuer once.
    error KeyAlreadyRegistered(uint256 keyHash);
    /// @notice The key was revoked; revocation is final.
    error KeyAlreadyRevoked(uint256 keyHash);
    /// @notice The key was never registered.
    error KeyNotRegistered(uint256 keyHash);
    /// @notice No issuer has this id.
    error IssuerNotFound(uint256 issuerId);
    /// @notice Only the issuer's admin (or, where said, the owner) may do this.
    error NotIssuerAdmin(uint256 issuerId, address caller);
    /// @notice The grace for the rotated key is longer than MAX_ROTATION_GRACE.
    error GraceTooLong(uint256 grace);

    /// @param initialOwner The governance account: admits issuers, may revoke any key.
    constructor(address initialOwner) Ownable(initialOwner) {}

    /// @notice Admits an issuer with its first key. Only the owner.
    /// @param admin The issuer's own account (rotates keys, revokes them, publishes revocations).
    /// @param name Human-readable issuer name (e.g. "Example Bank").
    /// @param keyHash Poseidon(Ax, Ay).
    /// @param ax Baby Jubjub public key, x.
    /// @param ay Baby Jubjub public key, y.
    /// @return issuerId The new issuer's id.
    function registerIssuer(address admin, string calldata name, uint256 keyHash, uint256 ax, uint256 ay)
        external
        onlyOwner
        returns (uint256 issuerId)
    {
        if (admin == address(0)) revert InvalidAdmin();
        if (bytes(name).length == 0) revert EmptyIssuerName();
        issuerId = ++issuerCount;
        Issuer storage issuer = issuers[issuerId];
        issuer.admin = admin;
        issuer.name = name;
        emit IssuerRegistered(issuerId, admin, keyHash, name);
        _activate(issuerId, keyHash, ax, ay);
    }

    /// @notice Replaces the issuer's current key. The old key stays trusted for `grace` seconds
    ///         (0 = not at all), for credentials signed before the rotation. Issuer admin or owner.
    function rotateKey(uint256 issuerId, uint256 newKeyHash, uint256 ax, uint256 ay, uint256 grace) external {
        Issuer storage issuer = _issuerOfAdminOrOwner(issuerId);
        if (grace > MAX_ROTATION_GRACE) revert GraceTooLong(grace);
        uint256 old = issuer.currentKeyHash;
        if (old != 0) {
            Key storage oldKey = keys[old];
            oldKey.status = KeyStatus.Retired;
            // forge-lint: disable-next-line(unsafe-typecast)
            oldKey.trustedUntil = uint40(block.timestamp + grace); // grace <= 365 days: fits
            emit KeyRetired(issuerId, old, oldKey.trustedUntil);
        }
        _activate(issuerId, newKeyHash, ax, ay);
    }

    /// @notice Stops trusting a key, for good. The key's issuer admin or the owner.
    function revokeKey(uint256 keyHash) external {
        Key storage key = keys[keyHash];
        if (key.status == KeyStatus.Unknown) revert KeyNotRegistered(keyHash);
        if (key.status == KeyStatus.Revoked) revert KeyAlreadyRevoked(keyHash);
        uint256 issuerId = key.issuerId;
        Issuer storage issuer = _issuerOfAdminOrOwner(issuerId);
        key.status = KeyStatus.Revoked;
        key.trustedUntil = 0;
        if (issuer.currentKeyHash == keyHash) issuer.currentKeyHash = 0;
        emit KeyRevoked(issuerId, keyHash, msg.sender);
    }

    /// @notice Publishes the issuer's credential revocation list: its root and where to fetch it.
    ///         Only the issuer's admin.
    function publishRevocations(uint256 issuerId, bytes32 root, string calldata uri) external {
        Issuer storage issuer = _issuer(issuerId);
        if (msg.sender != issuer.admin) revert NotIssuerAdmin(issuerId, msg.sender);
        issuer.revocationRoot = root;
        issuer.revocationUri = uri;
        issuer.revocationUpdatedAt = uint40(block.timestamp);
        emit RevocationsPublished(issuerId, root, uri);
    }

    /// @notice Hands the issuer to another admin account. Issuer admin or owner (a lost admin key).
    function setIssuerAdmin(uint256 issuerId, address newAdmin) external {
        Issuer storage issuer = _issuerOfAdminOrOwner(issuerId);
        if (newAdmin == address(0)) revert InvalidAdmin();
        emit IssuerAdminChanged(issuerId, issuer.admin, newAdmin);
        issuer.admin = newAdmin;
    }

    /// @inheritdoc IIssuerRegistry
    function isTrusted(uint256 keyHash) external view returns (bool) {
        Key storage key = keys[keyHash];
        KeyStatus status = key.status;
        return status == KeyStatus.Active || (status == KeyStatus.Retired && block.timestamp < key.trustedUntil);
    }

    function _activate(uint256 issuerId, uint256 keyHash, uint256 ax, uint256 ay) private {
        if (
            keyHash == 0 || keyHash >= SNARK_SCALAR_FIELD || ax == 0 || ax >= SNARK_SCALAR_FIELD
                || ay >= SNARK_SCALAR_FIELD
        ) {
            revert InvalidKey(keyHash);
        }
        if (keys[keyHash].status != KeyStatus.Unknown) revert KeyAlreadyRegistered(keyHash);
        // forge-lint: disable-next-line(unsafe-typecast)
        keys[keyHash] = Key({status: KeyStatus.Active, trustedUntil: 0, issuerId: uint64(issuerId), ax: ax, ay: ay});
        issuers[issuerId].currentKeyHash = keyHash;
        emit KeyActivated(issuerId, keyHash, ax, ay);
    }

    function _issuer(uint256 issuerId) private view returns (Issuer storage issuer) {
        issuer = issuers[issuerId];
        if (issuer.admin == address(0)) revert IssuerNotFound(issuerId);
    }

    function _issuerOfAdminOrOwner(uint256 issuerId) private view returns (Issuer storage issuer) {
        issuer = _issuer(issuerId);
        if (msg.sender != issuer.admin && msg.sender != owner()) revert NotIssuerAdmin(issuerId, msg.sender);
    }
}
