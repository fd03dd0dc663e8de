// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {ISemaphore} from "@semaphore-protocol/contracts/interfaces/ISemaphore.sol";

/// @title MaskRegistry: masks (shared personas) as Semaphore v4 groups, with no central service.
/// @notice Anyone creates a mask (name, description, intention tags, admission policy, k). Members
/// join with a Semaphore identity commitment (open masks) or are admitted by the mask's admitter
/// after it checked their admission proofs off-chain (masks with an admission policy). Members
/// contribute interest and action labels once per epoch with a Semaphore proof whose scope is the
/// mask and the epoch; the registry counts labels, nothing per member. A mask's profile of a closed
/// epoch is readable once at least k members contributed. Scope and message are the SDK's
/// (sdk/src/masks/maskScope.ts), so one proof format serves the off-chain host and the chain.
contract MaskRegistry {
    /// @notice Fewest members a mask may set as its anonymity threshold.
    uint32 public constant MIN_K = 5;
    /// @notice Most interest plus action labels in one contribution.
    uint256 public constant MAX_LABELS = 16;

    ISemaphore public immutable semaphore;

    struct Mask {
        uint256 groupId;
        address creator;
        /// @dev Zero for an open mask; otherwise the only address that may add members.
        address admitter;
        uint32 k;
        uint64 epochSeconds;
        uint64 createdAt;
        uint64 members;
        string name;
        string description;
        string[] tags;
        /// @dev The admission policy as JSON (predicates, trusted issuers); empty for an open mask.
        string admission;
    }

    struct Tally {
        uint256 contributors;
        string[] interests;
        string[] actions;
        mapping(bytes32 => uint256) interestCounts;
        mapping(bytes32 => uint256) actionCounts;
    }

    mapping(bytes32 => Mask) private masks;
    string[] private maskIds;
    /// @notice keccak256(leave secret) per member: only the member (who knows the secret) can leave.
    mapping(bytes32 => mapping(uint256 => bytes32)) public leaveKeys;
    /// @notice Admission nullifiers spent per mask: one admission per holder per mask.
    mapping(bytes32 => mapping(uint256 => bool)) public admissionNullifiers;
    mapping(bytes32 => mapping(uint256 => Tally)) private tallies;

    event MaskCreated(bytes32 indexed key, string maskId, uint256 groupId, address indexed creator);
    event MemberJoined(bytes32 indexed key, uint256 identityCommitment);
    event MemberLeft(bytes32 indexed key, uint256 identityCommitment);
    event Contributed(bytes32 indexed key, uint256 indexed epoch, uint256 nullifier);

    error InvalidMaskId();
    error MaskExists();
    error UnknownMask();
    error KTooSmall(uint32 k);
    error InvalidEpochSeconds();
    error EmptyName();
    error AdmissionRequired();
    error NotAdmitter();
    error AlreadyAdmitted();
    error NotYourMembership();
    error GroupTooSmall(uint256 members, uint256 k);
    error WrongScope();
    error WrongMessage();
    error InvalidLabel();
    error DuplicateLabel();
    error TooManyLabels();
    error EpochOpen(uint256 epoch, uint256 current);
    error ProfileBelowK(uint256 contributors, uint256 k);

    constructor(ISemaphore _semaphore) {
        semaphore = _semaphore;
    }

    /// @notice What a mask creator chooses. `admitter`: zero for an open mask; with an admission
    /// policy (JSON: predicates, trusted issuers), the address that checks admission proofs.
    struct NewMask {
        string maskId;
        string name;
        string description;
        string[] tags;
        uint32 k;
        uint64 epochSeconds;
        string admission;
        address admitter;
    }

    /// @notice Creates a mask and its Semaphore group (this registry is the group's admin).
    function createMask(NewMask calldata params) external returns (uint256 groupId) {
        if (!_isLabel(bytes(params.maskId), 3)) revert InvalidMaskId();
        bytes32 key = keccak256(bytes(params.maskId));
        if (masks[key].createdAt != 0) revert MaskExists();
        if (bytes(params.name).length == 0) revert EmptyName();
        if (params.k < MIN_K) revert KTooSmall(params.k);
        if (params.epochSeconds < 60) revert InvalidEpochSeconds();
        if ((bytes(params.admission).length == 0) != (params.admitter == address(0))) revert AdmissionRequired();
        groupId = semaphore.createGroup(address(this));
        Mask storage mask = masks[key];
        mask.groupId = groupId;
        mask.creator = msg.sender;
        mask.admitter = params.admitter;
        mask.k = params.k;
        mask.epochSeconds = params.epochSeconds;
        mask.createdAt = uint64(block.timestamp);
        mask.name = params.name;
        mask.description = params.description;
        for (uint256 i = 0; i < params.tags.length; i++) {
            if (!_isLabel(bytes(params.tags[i]), 1)) revert InvalidLabel();
            mask.tags.push(params.tags[i]);
        }
        mask.admission = params.admission;
        maskIds.push(params.maskId);
        emit MaskCreated(key, params.maskId, groupId, msg.sender);
    }

    /// @notice Joins an open mask. `leaveKey` = keccak256(abi.encode(leaveSecret)).
    function joinMask(string calldata maskId, uint256 identityCommitment, bytes32 leaveKey) external {
        (bytes32 key, Mask storage mask) = _mask(maskId);
        if (mask.admitter != address(0)) revert AdmissionRequired();
        _add(key, mask, identityCommitment, leaveKey);
    }

    /// @notice Adds a member the admitter checked (their admission proofs, off-chain).
    function admit(string calldata maskId, uint256 identityCommitment, bytes32 leaveKey, uint256 admissionNullifier)
        external
    {
        (bytes32 key, Mask storage mask) = _mask(maskId);
        if (msg.sender != mask.admitter) revert NotAdmitter();
        if (admissionNullifiers[key][admissionNullifier]) revert AlreadyAdmitted();
        admissionNullifiers[key][admissionNullifier] = true;
        _add(key, mask, identityCommitment, leaveKey);
    }

    /// @notice Leaves a mask: reveals the leave secret chosen at join time (it proves nothing else).
    function leaveMask(
        string calldata maskId,
        uint256 identityCommitment,
        uint256[] calldata merkleProofSiblings,
        bytes32 leaveSecret
    ) external {
        (bytes32 key, Mask storage mask) = _mask(maskId);
        bytes32 expected = leaveKeys[key][identityCommitment];
        if (expected == bytes32(0) || expected != keccak256(abi.encode(leaveSecret))) revert NotYourMembership();
        delete leaveKeys[key][identityCommitment];
        mask.members -= 1;
        semaphore.removeMember(mask.groupId, identityCommitment, merkleProofSiblings);
        emit MemberLeft(key, identityCommitment);
    }

    /// @notice Counts one member's labels for the current epoch; a second proof of the same member
    /// in the epoch reuses its nullifier and Semaphore refuses it.
    function contribute(
        string calldata maskId,
        string[] calldata interests,
        string[] calldata actions,
        ISemaphore.SemaphoreProof calldata proof
    ) external {
        (bytes32 key, Mask storage mask) = _mask(maskId);
        if (mask.members < mask.k) revert GroupTooSmall(mask.members, mask.k);
        uint256 epoch = block.timestamp / mask.epochSeconds;
        if (proof.scope != scopeOf(maskId, epoch)) revert WrongScope();
        if (proof.message != messageOf(interests, actions)) revert WrongMessage();
        semaphore.validateProof(mask.groupId, proof);
        Tally storage tally = tallies[key][epoch];
        tally.contributors += 1;
        for (uint256 i = 0; i < interests.length; i++) {
            bytes32 label = keccak256(bytes(interests[i]));
            if (tally.interestCounts[label]++ == 0) tally.interests.push(interests[i]);
        }
        for (uint256 i = 0; i < actions.length; i++) {
            bytes32 label = keccak256(bytes(actions[i]));
            if (tally.actionCounts[label]++ == 0) tally.actions.push(actions[i]);
        }
        emit Contributed(key, epoch, proof.nullifier);
    }

    /// @notice The counts of a closed epoch, once at least k members contributed in it.
    function epochProfile(string calldata maskId, uint256 epoch)
        external
        view
        returns (
            uint256 contributors,
            string[] memory interests,
            uint256[] memory interestCounts,
            string[] memory actions,
            uint256[] memory actionCounts
        )
    {
        (bytes32 key, Mask storage mask) = _mask(maskId);
        uint256 current = block.timestamp / mask.epochSeconds;
        if (epoch >= current) revert EpochOpen(epoch, current);
        Tally storage tally = tallies[key][epoch];
        if (tally.contributors < mask.k) revert ProfileBelowK(tally.contributors, mask.k);
        contributors = tally.contributors;
        interests = tally.interests;
        actions = tally.actions;
        interestCounts = new uint256[](interests.length);
        for (uint256 i = 0; i < interests.length; i++) {
            interestCounts[i] = tally.interestCounts[keccak256(bytes(interests[i]))];
        }
        actionCounts = new uint256[](actions.length);
        for (uint256 i = 0; i < actions.length; i++) {
            actionCounts[i] = tally.actionCounts[keccak256(bytes(actions[i]))];
        }
    }

    /// @notice A mask's definition and its member count.
    function getMask(string calldata maskId) external view returns (Mask memory) {
        (, Mask storage mask) = _mask(maskId);
        return mask;
    }

    /// @notice Every mask id, in creation order.
    function listMasks() external view returns (string[] memory) {
        return maskIds;
    }

    /// @notice keccak256("decdp:mask-scope:v1:<maskId>:<epoch>") >> 8, as maskScope in the SDK.
    function scopeOf(string calldata maskId, uint256 epoch) public pure returns (uint256) {
        return uint256(keccak256(abi.encodePacked("decdp:mask-scope:v1:", maskId, ":", Strings.toString(epoch)))) >> 8;
    }

    /// @notice keccak256("decdp:mask-signal:v1:" + canonical JSON of the sorted labels) >> 8, as
    /// maskMessage in the SDK. Labels are [a-z0-9-]{1,64}, sorted, each once, so the JSON needs no
    /// escaping and one set of labels has one message.
    function messageOf(string[] calldata interests, string[] calldata actions) public pure returns (uint256) {
        if (interests.length + actions.length > MAX_LABELS) revert TooManyLabels();
        bytes memory json =
            abi.encodePacked('{"actions":', _jsonArray(actions), ',"interests":', _jsonArray(interests), "}");
        return uint256(keccak256(abi.encodePacked("decdp:mask-signal:v1:", json))) >> 8;
    }

    function _jsonArray(string[] calldata labels) private pure returns (bytes memory out) {
        out = "[";
        for (uint256 i = 0; i < labels.length; i++) {
            bytes memory label = bytes(labels[i]);
            if (!_isLabel(label, 1)) revert InvalidLabel();
            // Sorted and distinct: strictly ascending byte order.
            if (i > 0 && !_less(bytes(labels[i - 1]), label)) revert DuplicateLabel();
            out = abi.encodePacked(out, i == 0 ? "" : ",", '"', label, '"');
        }
        out = abi.encodePacked(out, "]");
    }

    function _add(bytes32 key, Mask storage mask, uint256 identityCommitment, bytes32 leaveKey) private {
        leaveKeys[key][identityCommitment] = leaveKey;
        mask.members += 1;
        semaphore.addMember(mask.groupId, identityCommitment);
        emit MemberJoined(key, identityCommitment);
    }

    function _mask(string calldata maskId) private view returns (bytes32 key, Mask storage mask) {
        key = keccak256(bytes(maskId));
        mask = masks[key];
        if (mask.createdAt == 0) revert UnknownMask();
    }

    /// @dev minLength..64 bytes of [a-z0-9-].
    function _isLabel(bytes memory value, uint256 minLength) private pure returns (bool) {
        if (value.length < minLength || value.length > 64) return false;
        for (uint256 i = 0; i < value.length; i++) {
            bytes1 c = value[i];
            if (!((c >= "a" && c <= "z") || (c >= "0" && c <= "9") || c == "-")) return false;
        }
        return true;
    }

    function _less(bytes memory a, bytes memory b) private pure returns (bool) {
        uint256 n = a.length < b.length ? a.length : b.length;
        for (uint256 i = 0; i < n; i++) {
            if (a[i] != b[i]) return a[i] < b[i];
        }
        return a.length < b.length;
    }
}
