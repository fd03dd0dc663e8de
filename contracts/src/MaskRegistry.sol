// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {ISemaphore} from "@semaphore-protocol/contracts/interfaces/ISemaphore.sol";
import {PoseidonT3} from "poseidon-solidity/PoseidonT3.sol";
import {CredentialPredicate} from "./CredentialPredicate.sol";
import {CredentialKey} from "./CredentialVerifier.sol";
import {IGroth16Verifier} from "./interfaces/IGroth16Verifier.sol";
import {IIssuerRegistry} from "./interfaces/IIssuerRegistry.sol";
import {SignalIndex} from "./SignalIndex.sol";

/// @title MaskRegistry: masks (shared personas) as Semaphore v4 groups, with no central service.
/// @notice Anyone creates a mask (name, description, intention tags, admission policy, k). Members
/// join with a Semaphore identity commitment: open masks take any, masks with an admission policy
/// only with one credential proof per admission predicate, checked here (the credential circuit's
/// Groth16 key, issuers trusted by the IssuerRegistry now, bound to the mask and the commitment,
/// one admission per holder), so nobody — a relayer included — adds a member without a proof. Members
/// contribute interest and action labels once per epoch with a Semaphore proof whose scope is the
/// mask and the epoch; the registry counts labels, nothing per member. A mask's profile of a closed
/// epoch is readable once at least k members contributed. Scope and message are the SDK's
/// (sdk/src/masks/maskScope.ts), so one proof format serves the off-chain host and the chain.
contract MaskRegistry {
    /// @notice Fewest members a mask may set as its anonymity threshold.
    uint32 public constant MIN_K = 5;
    /// @notice Most interest plus action labels in one contribution.
    uint256 public constant MAX_LABELS = 16;
    /// @notice Most admission predicates a mask asks, and trusted issuers per predicate.
    uint256 public constant MAX_ADMISSION_PREDICATES = 4;
    uint256 public constant MAX_ADMISSION_ISSUERS = 8;
    /// @notice How old an admission proof may be (its time signal), and how far ahead of the block.
    uint256 public constant MAX_PROOF_AGE = 10 minutes;
    uint256 public constant MAX_CLOCK_DRIFT = 2 minutes;

    ISemaphore public immutable semaphore;
    /// @notice The issuers DeCDP trusts: asked at each admission, so a revoked key stops admitting.
    IIssuerRegistry public immutable issuerRegistry;

    struct Mask {
        uint256 groupId;
        address creator;
        /// @dev 0 for an open mask; otherwise how many predicates an admission proves.
        uint8 admissionPredicates;
        uint32 k;
        uint64 epochSeconds;
        uint64 createdAt;
        uint64 members;
        string name;
        string description;
        string[] tags;
        /// @dev The admission policy as JSON (the words the wallet shows); empty for an open mask.
        /// The statements below are what the chain checks.
        string admission;
    }

    /// @notice A statement an admission proof may prove: which predicate it covers and its issuer.
    struct AdmissionStatement {
        uint256 issuerKeyHash;
        /// @dev predicate index + 1 (0 = not a statement of the mask).
        uint256 predicate;
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
    /// @notice Per mask, the statement hashes its admission accepts (computed here at creation over
    /// the mask's own admission scope, so the issuer stored is the one inside the statement).
    mapping(bytes32 => mapping(uint256 => AdmissionStatement)) public admissionStatements;
    mapping(bytes32 => mapping(uint256 => Tally)) private tallies;

    event MaskCreated(bytes32 indexed key, string maskId, uint256 groupId, address indexed creator);
    event MemberJoined(bytes32 indexed key, uint256 identityCommitment);
    event AdmissionStatementAdded(
        bytes32 indexed key, uint256 predicateIndex, uint256 statementHash, uint256 issuerKeyHash
    );
    event MemberLeft(bytes32 indexed key, uint256 identityCommitment);
    event Contributed(bytes32 indexed key, uint256 indexed epoch, uint256 nullifier);

    error InvalidMaskId();
    error MaskExists();
    error UnknownMask();
    error KTooSmall(uint32 k);
    error InvalidEpochSeconds();
    error EmptyName();
    error AdmissionRequired();
    error NoAdmission();
    error InvalidAdmission(string field);
    error WrongProofCount(uint256 given, uint256 expected);
    error StatementNotInMask(uint256 index, uint256 statementHash);
    error DuplicatePredicate(uint256 index);
    error HoldersDiffer(uint256 index);
    error RecipientNotZero(uint256 index);
    error ProofTooOld(uint256 index, uint256 proofTime);
    error ProofFromFuture(uint256 index, uint256 proofTime);
    error WrongCommitment(uint256 index);
    error IssuerNotTrusted(uint256 index, uint256 issuerKeyHash);
    error InvalidProof(uint256 index);
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

    constructor(ISemaphore _semaphore, IIssuerRegistry _issuerRegistry) {
        semaphore = _semaphore;
        issuerRegistry = _issuerRegistry;
    }

    /// @notice One admission predicate and the issuer keys whose credentials may prove it.
    struct AdmissionPredicate {
        CredentialPredicate.Predicate predicate;
        uint256[] issuers;
    }

    /// @notice What a mask creator chooses. An open mask has no `admission` text and no
    /// `admissionPredicates`; a mask with admission has both: the text for people to read, the
    /// predicates (with their trusted issuers) for the chain to check.
    struct NewMask {
        string maskId;
        string name;
        string description;
        string[] tags;
        uint32 k;
        uint64 epochSeconds;
        string admission;
        AdmissionPredicate[] admissionPredicates;
    }

    /// @notice Creates a mask and its Semaphore group (this registry is the group's admin).
    function createMask(NewMask calldata params) external returns (uint256 groupId) {
        if (!_isLabel(bytes(params.maskId), 3)) revert InvalidMaskId();
        bytes32 key = keccak256(bytes(params.maskId));
        if (masks[key].createdAt != 0) revert MaskExists();
        if (bytes(params.name).length == 0) revert EmptyName();
        if (params.k < MIN_K) revert KTooSmall(params.k);
        if (params.epochSeconds < 60) revert InvalidEpochSeconds();
        uint256 predicates = params.admissionPredicates.length;
        if ((bytes(params.admission).length == 0) != (predicates == 0)) revert AdmissionRequired();
        if (predicates > MAX_ADMISSION_PREDICATES) revert InvalidAdmission("admissionPredicates");
        groupId = semaphore.createGroup(address(this));
        Mask storage mask = masks[key];
        mask.groupId = groupId;
        mask.creator = msg.sender;
        // forge-lint: disable-next-line(unsafe-typecast)
        mask.admissionPredicates = uint8(predicates); // at most MAX_ADMISSION_PREDICATES
        if (predicates > 0) _addAdmissionStatements(key, params.maskId, params.admissionPredicates);
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
        if (mask.admissionPredicates != 0) revert AdmissionRequired();
        _add(key, mask, identityCommitment, leaveKey);
    }

    /// @notice Joins a mask with admission: one credential proof per admission predicate, from any
    /// account (a relayer pays the gas; it can add nobody without the proofs). Each proof's statement
    /// must be one of this mask's (predicate, trusted issuer, the mask's admission scope), its issuer
    /// trusted by the IssuerRegistry now, its recipient 0, its time recent, its contextHash
    /// Poseidon(pseudonym, admissionHash(maskId, identityCommitment)) — so it admits this commitment
    /// to this mask only — and all proofs one holder's (one nullifier, spent here: one admission per
    /// holder per mask). `pseudonym` is the holder's at the admission scope, as the SDK's
    /// MaskAdmission carries it.
    function joinWithAdmission(
        string calldata maskId,
        uint256 identityCommitment,
        bytes32 leaveKey,
        uint256 pseudonym,
        IGroth16Verifier.Proof[] calldata proofs
    ) external {
        (bytes32 key, Mask storage mask) = _mask(maskId);
        uint256 expected = mask.admissionPredicates;
        if (expected == 0) revert NoAdmission();
        if (proofs.length != expected) revert WrongProofCount(proofs.length, expected);
        uint256 contextHash = PoseidonT3.hash([pseudonym, admissionHashOf(maskId, identityCommitment)]);
        uint256 nullifier = proofs[0].signals[SignalIndex.NULLIFIER];
        uint256 seen = 0;
        for (uint256 i = 0; i < proofs.length; i++) {
            uint256 bit = 1 << _checkAdmissionProof(key, i, proofs[i], contextHash, nullifier);
            if (seen & bit != 0) revert DuplicatePredicate(i);
            seen |= bit;
        }
        if (admissionNullifiers[key][nullifier]) revert AlreadyAdmitted();
        admissionNullifiers[key][nullifier] = true;
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

    /// @notice keccak256("decdp:mask-admission:v1:<maskId>") >> 8, as maskAdmissionScope in the SDK:
    /// both scopes of every admission statement of the mask.
    function admissionScopeOf(string calldata maskId) public pure returns (uint256) {
        return uint256(keccak256(abi.encodePacked("decdp:mask-admission:v1:", maskId))) >> 8;
    }

    /// @notice keccak256("decdp:mask-admission-request:v1:" + RFC 8785 JSON of { identityCommitment,
    /// maskId }) >> 8, as maskAdmissionHash in the SDK (the commitment as a decimal string; the id is
    /// [a-z0-9-], so the JSON needs no escaping).
    function admissionHashOf(string calldata maskId, uint256 identityCommitment) public pure returns (uint256) {
        bytes memory json = abi.encodePacked(
            '{"identityCommitment":"', Strings.toString(identityCommitment), '","maskId":"', maskId, '"}'
        );
        return uint256(keccak256(abi.encodePacked("decdp:mask-admission-request:v1:", json))) >> 8;
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

    /// @dev One admission proof: returns its predicate (index + 1) after every check of
    ///      joinWithAdmission but the nullifier's spending.
    function _checkAdmissionProof(
        bytes32 key,
        uint256 i,
        IGroth16Verifier.Proof calldata proof,
        uint256 contextHash,
        uint256 nullifier
    ) private view returns (uint256) {
        uint256[4] calldata signals = proof.signals;
        AdmissionStatement storage statement = admissionStatements[key][signals[SignalIndex.STATEMENT_HASH]];
        if (statement.predicate == 0) revert StatementNotInMask(i, signals[SignalIndex.STATEMENT_HASH]);
        if (signals[SignalIndex.NULLIFIER] != nullifier) revert HoldersDiffer(i);
        uint256 recipientAndTime = signals[SignalIndex.RECIPIENT_AND_TIME];
        // The low 160 bits on purpose: the time sits above them.
        // forge-lint: disable-next-line(unsafe-typecast)
        if (uint160(recipientAndTime) != 0) revert RecipientNotZero(i);
        uint256 proofTime = recipientAndTime >> SignalIndex.RECIPIENT_BITS;
        if (proofTime > block.timestamp + MAX_CLOCK_DRIFT) revert ProofFromFuture(i, proofTime);
        if (proofTime + MAX_PROOF_AGE < block.timestamp) revert ProofTooOld(i, proofTime);
        if (signals[SignalIndex.CONTEXT_HASH] != contextHash) revert WrongCommitment(i);
        // Asked at join time, not at creation: a revoked issuer must stop admitting.
        if (!issuerRegistry.isTrusted(statement.issuerKeyHash)) revert IssuerNotTrusted(i, statement.issuerKeyHash);
        if (!CredentialKey.verify(proof.a, proof.b, proof.c, signals)) revert InvalidProof(i);
        return statement.predicate;
    }

    /// @dev One statement per (predicate, issuer), over the mask's admission scope (merchant and
    ///      nullifier scope alike), refused for predicates RewardPool refuses and issuers that are not
    ///      field elements.
    function _addAdmissionStatements(bytes32 key, string calldata maskId, AdmissionPredicate[] calldata predicates)
        private
    {
        uint256 scope = admissionScopeOf(maskId);
        for (uint256 i = 0; i < predicates.length; i++) {
            CredentialPredicate.Predicate calldata p = predicates[i].predicate;
            (uint256 predicateHash, string memory invalidField) =
                CredentialPredicate.hash(p.attributeId, p.operator, p.operandA, p.operandB, p.setHash);
            if (bytes(invalidField).length != 0) revert InvalidAdmission(invalidField);
            uint256[] calldata issuers = predicates[i].issuers;
            if (issuers.length == 0 || issuers.length > MAX_ADMISSION_ISSUERS) revert InvalidAdmission("issuers");
            for (uint256 j = 0; j < issuers.length; j++) {
                _addAdmissionStatement(
                    key, i, CredentialPredicate.statement(predicateHash, _issuer(issuers[j]), scope, scope), issuers[j]
                );
            }
        }
    }

    function _issuer(uint256 issuer) private pure returns (uint256) {
        if (issuer == 0 || issuer >= CredentialPredicate.SNARK_SCALAR_FIELD) revert InvalidAdmission("issuers");
        return issuer;
    }

    function _addAdmissionStatement(bytes32 key, uint256 index, uint256 statementHash, uint256 issuer) private {
        // Two predicates with one statement would let one proof cover both.
        if (admissionStatements[key][statementHash].predicate != 0) revert InvalidAdmission("duplicate");
        admissionStatements[key][statementHash] = AdmissionStatement({issuerKeyHash: issuer, predicate: index + 1});
        emit AdmissionStatementAdded(key, index, statementHash, issuer);
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
