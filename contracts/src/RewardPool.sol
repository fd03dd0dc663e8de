// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IGroth16Verifier} from "./interfaces/IGroth16Verifier.sol";
import {IIssuerRegistry} from "./interfaces/IIssuerRegistry.sol";
import {SignalIndex} from "./SignalIndex.sol";

/// @title RewardPool
/// @notice Token rewards for people who prove a predicate about an issuer-signed credential
///         ("age >= 18 according to a trusted issuer") without revealing the credential.
/// @dev A merchant funds a campaign with a predicate and a budget. Anyone (the person, or a relayer
///      paying the gas) submits a Groth16 proof; the reward goes to the recipient bound inside the
///      proof, so a front-runner who copies the proof cannot redirect it (changing the recipient
///      signal breaks the proof). Each person claims once per campaign: the proof's nullifier is
///      Poseidon(holderSecret, campaign scope), and a used nullifier is refused.
contract RewardPool is ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice BN254 scalar field order: every public signal is below it.
    uint256 internal constant SNARK_SCALAR_FIELD =
        21888242871839275222246405745257275088548364400416034343698204186575808495617;

    /// @notice How old a proof's `now` may be at claim time. Proofs are made minutes before they are
    ///         sent; an hour leaves room for a relayer's queue without letting old proofs linger.
    uint256 public constant MAX_PROOF_AGE = 1 hours;
    /// @notice How far a proof's `now` may be ahead of the block: the prover's clock may run fast.
    uint256 public constant MAX_CLOCK_DRIFT = 5 minutes;

    /// @notice What a merchant passes to createCampaign.
    /// @param token ERC-20 the rewards are paid in.
    /// @param rewardPerClaim Tokens per successful claim (smallest unit).
    /// @param budget Tokens pulled from the caller (needs an allowance) to pay the rewards.
    /// @param attributeId Attribute the proof is about (vocabulary id).
    /// @param operator Circuit operator code.
    /// @param operandA First operand, as the circuit encodes it.
    /// @param operandB Second operand (ranges), else what the circuit expects (usually 0).
    /// @param setHash Hash of the value set for `in` / `notIn`, else what the circuit outputs for no set.
    /// @param issuerKeyHash The issuer whose credentials count; it must be trusted at claim time.
    /// @param start First second claims are accepted (unix seconds).
    /// @param end First second claims are no longer accepted; after it the creator may reclaim the rest.
    struct CampaignParams {
        IERC20 token;
        uint256 rewardPerClaim;
        uint256 budget;
        uint256 attributeId;
        uint256 operator;
        uint256 operandA;
        uint256 operandB;
        uint256 setHash;
        uint256 issuerKeyHash;
        uint48 start;
        uint48 end;
    }

    /// @notice A campaign as stored. Packed so that claim reads four slots and writes one.
    /// @dev The predicate (attribute, operator, operands, set hash, issuer) is stored as one hash:
    ///      claim only needs equality, and this saves five storage reads per claim. The values are
    ///      in the CampaignCreated event; predicateHashOf recomputes the hash.
    struct Campaign {
        IERC20 token; // slot 0
        uint48 start; // slot 0
        uint48 end; // slot 0
        uint128 rewardPerClaim; // slot 1
        uint128 remaining; // slot 1: budget not yet paid out
        bytes32 predicateHash; // slot 2
        uint256 scope; // slot 3: the proof's nullifierScope for this campaign
        address creator; // slot 4: may reclaim what is left after `end` (not read by claim)
    }

    /// @notice The Groth16 verifier of the credential circuit.
    IGroth16Verifier public immutable verifier;
    /// @notice Which issuer keys are trusted.
    IIssuerRegistry public immutable issuerRegistry;

    /// @notice Number of campaigns created; ids run from 1 to campaignCount.
    uint256 public campaignCount;
    /// @notice Campaigns by id.
    mapping(uint256 campaignId => Campaign) public campaigns;
    /// @notice Nullifiers already paid. One mapping for all campaigns is enough: the scope inside
    ///         each nullifier is unique per chain, pool and campaign.
    mapping(uint256 nullifier => bool) public nullifierUsed;

    /// @notice A campaign was funded. `funded` is what the pool actually received.
    event CampaignCreated(
        uint256 indexed campaignId, address indexed creator, uint256 scope, uint256 funded, CampaignParams params
    );
    /// @notice A reward was paid to the recipient bound in the proof.
    event Claimed(uint256 indexed campaignId, uint256 indexed nullifier, address indexed recipient, uint256 amount);
    /// @notice The creator took back the unspent budget of an ended campaign.
    event CampaignReclaimed(uint256 indexed campaignId, address indexed creator, uint256 amount);

    /// @notice createCampaign was given an unusable value; `parameter` names the field.
    error InvalidCampaignParameter(string parameter);
    /// @notice No campaign has this id.
    error CampaignNotFound(uint256 campaignId);
    /// @notice The campaign has not started yet or has ended.
    error CampaignNotActive(uint256 campaignId);
    /// @notice The proof is about another predicate or issuer than the campaign's.
    error PredicateMismatch();
    /// @notice The proof's nullifier scope is not this campaign's (a proof made for another campaign).
    error ScopeMismatch(uint256 expected, uint256 actual);
    /// @notice The issuer is not registered, or was revoked.
    error IssuerNotTrusted(uint256 issuerKeyHash);
    /// @notice The proof's `now` is more than MAX_PROOF_AGE in the past.
    error ProofTooOld(uint256 proofTime);
    /// @notice The proof's `now` is more than MAX_CLOCK_DRIFT in the future.
    error ProofFromFuture(uint256 proofTime);
    /// @notice This person already claimed in this campaign.
    error NullifierUsed(uint256 nullifier);
    /// @notice The campaign's remaining budget cannot pay one more reward.
    error BudgetExhausted(uint256 campaignId);
    /// @notice The Groth16 proof does not verify against the given signals.
    error InvalidProof();
    /// @notice The recipient signal is zero or not an Ethereum address.
    error InvalidRecipient(uint256 recipient);
    /// @notice Only the campaign's creator may reclaim its budget.
    error NotCampaignCreator(uint256 campaignId, address caller);
    /// @notice The campaign has not ended; its budget still belongs to claimants.
    error CampaignNotEnded(uint256 campaignId);

    /// @param verifier_ The credential circuit's Groth16 verifier.
    /// @param issuerRegistry_ The registry of trusted issuer keys.
    constructor(IGroth16Verifier verifier_, IIssuerRegistry issuerRegistry_) {
        verifier = verifier_;
        issuerRegistry = issuerRegistry_;
    }

    /// @notice Funds a new campaign: pulls `params.budget` of `params.token` from the caller.
    /// @dev The caller must have approved the pool for `budget`. The amount credited is what the pool
    ///      actually received, so a fee-on-transfer token cannot make one campaign pay out of
    ///      another's budget. Guarded against reentry because the balance difference is only
    ///      meaningful if no other campaign is funded during the transfer.
    /// @param params The campaign (see CampaignParams).
    /// @return campaignId The new campaign's id (1, 2, ...).
    function createCampaign(CampaignParams calldata params) external nonReentrant returns (uint256 campaignId) {
        if (address(params.token) == address(0)) revert InvalidCampaignParameter("token");
        if (params.rewardPerClaim == 0 || params.rewardPerClaim > type(uint128).max) {
            revert InvalidCampaignParameter("rewardPerClaim");
        }
        if (params.budget < params.rewardPerClaim) revert InvalidCampaignParameter("budget");
        if (params.end <= params.start || params.end <= block.timestamp) revert InvalidCampaignParameter("end");
        // A value outside the field can never appear in a public signal: the campaign would be unclaimable.
        _requireFieldElement(params.attributeId, "attributeId");
        _requireFieldElement(params.operator, "operator");
        _requireFieldElement(params.operandA, "operandA");
        _requireFieldElement(params.operandB, "operandB");
        _requireFieldElement(params.setHash, "setHash");
        _requireFieldElement(params.issuerKeyHash, "issuerKeyHash");

        campaignId = ++campaignCount;
        uint256 scope = _scopeFor(campaignId);

        uint256 balanceBefore = params.token.balanceOf(address(this));
        params.token.safeTransferFrom(msg.sender, address(this), params.budget);
        uint256 funded = params.token.balanceOf(address(this)) - balanceBefore;
        if (funded < params.rewardPerClaim || funded > type(uint128).max) revert InvalidCampaignParameter("budget");

        campaigns[campaignId] = Campaign({
            token: params.token,
            start: params.start,
            end: params.end,
            // Both casts are safe: rewardPerClaim <= funded <= type(uint128).max was checked above.
            // forge-lint: disable-next-line(unsafe-typecast)
            rewardPerClaim: uint128(params.rewardPerClaim),
            // forge-lint: disable-next-line(unsafe-typecast)
            remaining: uint128(funded),
            predicateHash: predicateHashOf(
                params.attributeId,
                params.operator,
                params.operandA,
                params.operandB,
                params.setHash,
                params.issuerKeyHash
            ),
            scope: scope,
            creator: msg.sender
        });
        emit CampaignCreated(campaignId, msg.sender, scope, funded, params);
    }

    /// @notice Pays one reward for a valid proof. Anyone may call it (e.g. a relayer paying the gas);
    ///         the tokens always go to the recipient bound in the proof.
    /// @dev Cheap checks first, the pairing check (most of the gas) last; state is updated before the
    ///      token transfer (checks-effects-interactions), and the guard also covers odd tokens.
    /// @param campaignId The campaign to claim from.
    /// @param a Proof point A.
    /// @param b Proof point B (snarkjs' Solidity order).
    /// @param c Proof point C.
    /// @param signals The proof's public signals, indexed by SignalIndex.
    function claim(
        uint256 campaignId,
        uint256[2] calldata a,
        uint256[2][2] calldata b,
        uint256[2] calldata c,
        uint256[13] calldata signals
    ) external nonReentrant {
        Campaign storage campaign = campaigns[campaignId];
        if (address(campaign.token) == address(0)) revert CampaignNotFound(campaignId);
        if (block.timestamp < campaign.start || block.timestamp >= campaign.end) revert CampaignNotActive(campaignId);
        _checkSignals(campaign, signals);

        uint256 nullifier = signals[SignalIndex.NULLIFIER];
        if (nullifierUsed[nullifier]) revert NullifierUsed(nullifier);
        uint128 reward = campaign.rewardPerClaim;
        uint128 remaining = campaign.remaining;
        if (remaining < reward) revert BudgetExhausted(campaignId);

        if (!verifier.verifyProof(a, b, c, signals)) revert InvalidProof();

        nullifierUsed[nullifier] = true;
        unchecked {
            campaign.remaining = remaining - reward; // remaining >= reward was checked above
        }
        address recipient = address(uint160(signals[SignalIndex.RECIPIENT])); // < 2^160, checked
        emit Claimed(campaignId, nullifier, recipient, reward);
        campaign.token.safeTransfer(recipient, reward);
    }

    /// @notice Returns the unspent budget of an ended campaign to its creator. Only the creator.
    /// @dev Without it, whatever no one claimed would stay locked in the pool forever.
    /// @param campaignId The ended campaign.
    /// @return amount Tokens sent back (0 if everything was claimed or already reclaimed).
    function reclaimRemaining(uint256 campaignId) external nonReentrant returns (uint256 amount) {
        Campaign storage campaign = campaigns[campaignId];
        if (address(campaign.token) == address(0)) revert CampaignNotFound(campaignId);
        if (msg.sender != campaign.creator) revert NotCampaignCreator(campaignId, msg.sender);
        if (block.timestamp < campaign.end) revert CampaignNotEnded(campaignId);
        amount = campaign.remaining;
        campaign.remaining = 0;
        emit CampaignReclaimed(campaignId, msg.sender, amount);
        campaign.token.safeTransfer(msg.sender, amount);
    }

    /// @notice The hash a campaign stores for its predicate; lets a wallet or auditor check that a
    ///         campaign asks what a request says it asks.
    /// @return keccak256 of the ABI-encoded arguments, in this order.
    function predicateHashOf(
        uint256 attributeId,
        uint256 operator,
        uint256 operandA,
        uint256 operandB,
        uint256 setHash,
        uint256 issuerKeyHash
    ) public pure returns (bytes32) {
        return keccak256(abi.encode(attributeId, operator, operandA, operandB, setHash, issuerKeyHash));
    }

    /// @notice The nullifier scope of campaign `campaignId`: unique per chain, pool and campaign, so a
    ///         nullifier (and a proof) from one campaign is useless in any other.
    /// @dev Shifted right by 8 bits so it is below the BN254 field order and fits a public signal.
    ///      Virtual only so a test-only subclass can pin the scope a pre-generated proof was made for.
    function _scopeFor(uint256 campaignId) internal view virtual returns (uint256) {
        return uint256(keccak256(abi.encode(block.chainid, address(this), campaignId))) >> 8;
    }

    /// @dev The claim checks that need no proof: the signals are about this campaign's predicate,
    ///      issuer and scope, name a real address, come from a trusted issuer and are recent.
    ///      A separate function so claim's stack stays small.
    function _checkSignals(Campaign storage campaign, uint256[13] calldata signals) private view {
        bytes32 provenPredicate = predicateHashOf(
            signals[SignalIndex.ATTRIBUTE_ID],
            signals[SignalIndex.OPERATOR],
            signals[SignalIndex.OPERAND_A],
            signals[SignalIndex.OPERAND_B],
            signals[SignalIndex.SET_HASH],
            signals[SignalIndex.ISSUER_KEY_HASH]
        );
        if (provenPredicate != campaign.predicateHash) revert PredicateMismatch();
        uint256 scope = campaign.scope;
        uint256 provenScope = signals[SignalIndex.NULLIFIER_SCOPE];
        if (provenScope != scope) revert ScopeMismatch(scope, provenScope);
        uint256 recipient = signals[SignalIndex.RECIPIENT];
        if (recipient == 0 || recipient > type(uint160).max) revert InvalidRecipient(recipient);

        // Checked at claim time, not at creation: an issuer revoked since then must stop paying out.
        uint256 issuerKeyHash = signals[SignalIndex.ISSUER_KEY_HASH];
        if (!issuerRegistry.isTrusted(issuerKeyHash)) revert IssuerNotTrusted(issuerKeyHash);

        // Future first: it bounds proofTime, so the addition below cannot overflow.
        uint256 proofTime = signals[SignalIndex.NOW];
        if (proofTime > block.timestamp + MAX_CLOCK_DRIFT) revert ProofFromFuture(proofTime);
        if (proofTime + MAX_PROOF_AGE < block.timestamp) revert ProofTooOld(proofTime);
    }

    /// @dev Reverts with the field's name when `value` cannot be a public signal.
    function _requireFieldElement(uint256 value, string memory parameter) private pure {
        if (value >= SNARK_SCALAR_FIELD) revert InvalidCampaignParameter(parameter);
    }
}
