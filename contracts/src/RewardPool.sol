// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {CredentialPredicate} from "./CredentialPredicate.sol";
import {CredentialKey} from "./CredentialVerifier.sol";
import {IGroth16Verifier} from "./interfaces/IGroth16Verifier.sol";
import {IIssuerRegistry} from "./interfaces/IIssuerRegistry.sol";
import {SIGNAL_COUNT, SignalIndex} from "./SignalIndex.sol";

/// @title RewardPool
/// @notice Token rewards for people who prove a statement about an issuer-signed credential
///         ("age >= 18 according to a trusted issuer") without revealing the credential.
/// @dev A merchant funds a campaign with any ERC-20 and names the predicate and the issuers it pays
///      for; the pool computes one statement hash per issuer itself (Poseidon, circuit v3: predicate,
///      issuer key, merchant scope, and the nullifier scope derived from the caller), so a creator
///      can only register statements over its own scope and the issuer a campaign declares is the
///      one inside its statement. Anyone (the person, or a relayer paying the gas)
///      submits a Groth16 proof; the reward goes to the recipient bound inside the proof, so a
///      front-runner who copies the proof cannot redirect it. Each person claims once per campaign:
///      the nullifier is Poseidon(holderSecret, campaign scope) and a used one is refused.
///      Only `_readSignals` knows the circuit's public-signal layout (with SignalIndex).
contract RewardPool is ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice BN254 scalar field order: every public signal is below it.
    uint256 internal constant SNARK_SCALAR_FIELD =
        21888242871839275222246405745257275088548364400416034343698204186575808495617;

    /// @notice How old a proof's time may be at claim time. Proofs are made minutes before they are
    ///         sent; an hour leaves room for a relayer's queue without letting old proofs linger.
    uint256 public constant MAX_PROOF_AGE = 1 hours;
    /// @notice How far a proof's time may be ahead of the block: the prover's clock may run fast.
    uint256 public constant MAX_CLOCK_DRIFT = 5 minutes;
    /// @notice Most claims one claimBatch call takes.
    uint256 public constant MAX_BATCH = 16;
    /// @notice Most statements (accepted issuers) one campaign lists.
    uint256 public constant MAX_STATEMENTS = 16;

    /// @notice What a creator passes to createCampaign.
    /// @param token ERC-20 the rewards are paid in; address(0) = the pool's default (project) token.
    /// @param rewardPerClaim Tokens per successful claim (smallest unit).
    /// @param budget Tokens pulled from the caller (needs an allowance) to pay the rewards.
    /// @param start First second claims are accepted (unix seconds).
    /// @param end First second claims are no longer accepted; from then on the creator may withdraw the rest.
    /// @param salt Chosen by the creator; with the creator's address it fixes the nullifier scope
    ///        (scopeOf), so statement hashes can be computed before the campaign exists.
    /// @param predicate What a proof must show (CredentialPredicate.Predicate, shared with MaskRegistry).
    /// @param merchantScope The pseudonym domain of the requests that carry this campaign (the
    ///        merchant's request-signing address as a number).
    /// @param issuerKeyHashes Poseidon(Ax, Ay) of each accepted issuer key (1 to MAX_STATEMENTS): one
    ///        statement each; each must be trusted by the IssuerRegistry at claim time.
    /// @param metadata Emitted only, for people and auditors (the SDK writes canonical JSON).
    struct CampaignParams {
        IERC20 token;
        uint256 rewardPerClaim;
        uint256 budget;
        uint40 start;
        uint40 end;
        bytes32 salt;
        CredentialPredicate.Predicate predicate;
        uint256 merchantScope;
        uint256[] issuerKeyHashes;
        bytes metadata;
    }

    /// @notice A campaign as stored. A claim reads two slots and writes one.
    struct Campaign {
        IERC20 token; // slot 0
        uint40 start; // slot 0
        uint40 end; // slot 0
        bool paused; // slot 0
        uint128 rewardPerClaim; // slot 1
        uint128 remaining; // slot 1: budget not yet paid out
        address creator; // slot 2: pauses, tops up, withdraws (not read by claim)
        uint256 scope; // slot 3: the proofs' nullifier scope (inside every statement hash)
    }

    /// @notice The Groth16 verifier of the credential circuit, for claimBatch. claim checks its one proof
    ///         inline with the same generated code (CredentialKey, the same file and key), which saves
    ///         the external call.
    IGroth16Verifier public immutable verifier;
    /// @notice Which issuer keys are trusted.
    IIssuerRegistry public immutable issuerRegistry;
    /// @notice The token a campaign pays in when its creator names none (the project token).
    IERC20 public immutable defaultToken;

    /// @notice Number of campaigns created; ids run from 1 to campaignCount.
    uint256 public campaignCount;
    /// @notice Campaigns by id.
    mapping(uint256 campaignId => Campaign) public campaigns;
    /// @notice The issuer key a campaign's statement names; 0 = the statement is not in the campaign.
    mapping(uint256 campaignId => mapping(uint256 statementHash => uint256 issuerKeyHash)) public campaignStatements;
    /// @notice Which campaign owns a statement hash (0 = none). A statement belongs to one campaign
    ///         only, so a proof can be paid by exactly one campaign.
    mapping(uint256 statementHash => uint256 campaignId) public statementCampaign;
    /// @dev IC_0 + statementHash * IC_1 of the credential key (CredentialKey.firstTerm) for every
    ///      statement of every campaign: claim starts vk_x from it (two storage reads instead of a G1
    ///      multiplication and addition, about 2,000 gas less per claim).
    mapping(uint256 statementHash => uint256[2] point) private statementTerms;
    /// @notice Which campaign owns a nullifier scope (0 = none).
    mapping(uint256 scope => uint256 campaignId) public scopeCampaign;
    /// @notice Nullifiers already paid. One mapping for all campaigns is enough: the scope inside
    ///         each nullifier is unique per chain, pool and campaign.
    mapping(uint256 nullifier => bool) public nullifierUsed;

    /// @notice A campaign was created and funded. `funded` is what the pool actually received.
    event CampaignCreated(
        uint256 indexed campaignId,
        address indexed creator,
        IERC20 indexed token,
        uint256 scope,
        uint256 rewardPerClaim,
        uint256 funded,
        uint40 start,
        uint40 end,
        bytes metadata
    );
    /// @notice What a campaign's statements say, for auditors: with each issuer key and the campaign's
    ///         scope this recomputes every statement hash.
    event CampaignPredicate(
        uint256 indexed campaignId,
        uint256 attributeId,
        uint256 operator,
        uint256 operandA,
        uint256 operandB,
        uint256 setHash,
        uint256 merchantScope
    );
    /// @notice A campaign pays for proofs of `statementHash`, whose issuer key is `issuerKeyHash`.
    event CampaignStatementAdded(
        uint256 indexed campaignId, uint256 indexed statementHash, uint256 indexed issuerKeyHash
    );
    /// @notice The creator added `amount` to the budget; `remaining` is the new unspent budget.
    event CampaignToppedUp(uint256 indexed campaignId, address indexed from, uint256 amount, uint256 remaining);
    /// @notice The creator stopped claims until unpaused.
    event CampaignPaused(uint256 indexed campaignId, address indexed by);
    /// @notice The creator allowed claims again.
    event CampaignUnpaused(uint256 indexed campaignId, address indexed by);
    /// @notice A reward was paid to the recipient bound in the proof.
    event Claimed(uint256 indexed campaignId, uint256 indexed nullifier, address indexed recipient, uint256 amount);
    /// @notice claimBatch skipped claim `index` of its call: `reason` is the selector of the error
    ///         claim() would have reverted with, `detail` its argument.
    event ClaimRejected(uint256 indexed campaignId, uint256 index, bytes4 reason, uint256 detail);
    /// @notice The creator took back the unspent budget of an ended campaign.
    event CampaignWithdrawn(uint256 indexed campaignId, address indexed to, uint256 amount);
    /// @notice The creator ended the campaign early and took back `refunded`, its unspent budget.
    event CampaignClosed(uint256 indexed campaignId, address indexed by, uint256 refunded);

    /// @notice createCampaign or topUp was given an unusable value; `parameter` names the field.
    error InvalidCampaignParameter(string parameter);
    /// @notice The statement hash already belongs to a campaign (an issuer listed twice).
    error StatementTaken(uint256 statementHash);
    /// @notice The creator already used this salt: the nullifier scope belongs to another campaign.
    error ScopeTaken(uint256 scope);
    /// @notice No campaign has this id.
    error CampaignNotFound(uint256 campaignId);
    /// @notice The campaign has not started yet or has ended.
    error CampaignNotActive(uint256 campaignId);
    /// @notice The campaign is paused by its creator.
    error CampaignIsPaused(uint256 campaignId);
    /// @notice unpause on a campaign that is not paused.
    error CampaignNotPaused(uint256 campaignId);
    /// @notice The campaign has ended: no more top-ups.
    error CampaignEnded(uint256 campaignId);
    /// @notice The campaign has not ended; its budget still belongs to claimants.
    error CampaignNotEnded(uint256 campaignId);
    /// @notice Only the campaign's creator may do this.
    error NotCampaignCreator(uint256 campaignId, address caller);
    /// @notice The proof's statement is not one this campaign pays for (other predicate, issuer,
    ///         merchant or campaign).
    error StatementNotInCampaign(uint256 statementHash);
    /// @notice The issuer is not registered, was revoked, or its key was retired.
    error IssuerNotTrusted(uint256 issuerKeyHash);
    /// @notice The proof's time is more than MAX_PROOF_AGE in the past.
    error ProofTooOld(uint256 proofTime);
    /// @notice The proof's time is more than MAX_CLOCK_DRIFT in the future.
    error ProofFromFuture(uint256 proofTime);
    /// @notice This person already claimed in this campaign.
    error NullifierUsed(uint256 nullifier);
    /// @notice The campaign's remaining budget cannot pay one more reward.
    error BudgetExhausted(uint256 campaignId);
    /// @notice The proof binds no recipient (the zero address).
    error InvalidRecipient(uint256 recipient);
    /// @notice The Groth16 proof does not verify (in a batch: at least one accepted proof does not).
    error InvalidProof();
    /// @notice claimBatch needs 1 to MAX_BATCH claims and one campaign id per proof.
    error InvalidBatch(uint256 proofs, uint256 campaignIds);

    /// @param verifier_ The credential circuit's Groth16 verifier.
    /// @param issuerRegistry_ The registry of trusted issuer keys.
    /// @param defaultToken_ The token campaigns pay in by default (the project token).
    constructor(IGroth16Verifier verifier_, IIssuerRegistry issuerRegistry_, IERC20 defaultToken_) {
        verifier = verifier_;
        issuerRegistry = issuerRegistry_;
        defaultToken = defaultToken_;
    }

    // --- campaigns -----------------------------------------------------------------------------

    /// @notice Creates a campaign and funds it: pulls `params.budget` of the token from the caller.
    /// @dev The caller must have approved the pool for `budget`. The amount credited is what the pool
    ///      actually received, so a fee-on-transfer token cannot make one campaign pay out of
    ///      another's budget. Guarded against reentry because the balance difference is only
    ///      meaningful if nothing else moves the pool's balance during the transfer.
    /// @param params The campaign (see CampaignParams).
    /// @return campaignId The new campaign's id (1, 2, ...).
    function createCampaign(CampaignParams calldata params) external nonReentrant returns (uint256 campaignId) {
        IERC20 token = address(params.token) == address(0) ? defaultToken : params.token;
        if (address(token) == address(0)) revert InvalidCampaignParameter("token");
        if (params.rewardPerClaim == 0 || params.rewardPerClaim > type(uint128).max) {
            revert InvalidCampaignParameter("rewardPerClaim");
        }
        if (params.budget < params.rewardPerClaim) revert InvalidCampaignParameter("budget");
        if (params.end <= params.start || params.end <= block.timestamp) revert InvalidCampaignParameter("end");
        uint256 statementCount = params.issuerKeyHashes.length;
        if (statementCount == 0 || statementCount > MAX_STATEMENTS) {
            revert InvalidCampaignParameter("issuerKeyHashes");
        }
        if (params.merchantScope >= SNARK_SCALAR_FIELD) revert InvalidCampaignParameter("merchantScope");
        uint256 predicateHash = _predicateHash(params.predicate);

        uint256 scope = _scopeFor(msg.sender, params.salt);
        if (scopeCampaign[scope] != 0) revert ScopeTaken(scope);
        campaignId = ++campaignCount;
        scopeCampaign[scope] = campaignId;
        for (uint256 i = 0; i < statementCount; i++) {
            uint256 issuerKeyHash = params.issuerKeyHashes[i];
            if (issuerKeyHash == 0 || issuerKeyHash >= SNARK_SCALAR_FIELD) {
                revert InvalidCampaignParameter("issuerKeyHash");
            }
            // Computed here, over the caller's own scope: nobody can register another creator's
            // statement (squatting), and the issuer stored is the one inside the statement.
            uint256 statementHash =
                CredentialPredicate.statement(predicateHash, issuerKeyHash, params.merchantScope, scope);
            if (statementCampaign[statementHash] != 0) revert StatementTaken(statementHash);
            statementCampaign[statementHash] = campaignId;
            campaignStatements[campaignId][statementHash] = issuerKeyHash;
            // The statement's part of every proof's vk_x, computed once here instead of in each claim.
            (bool ok, uint256 x, uint256 y) = CredentialKey.firstTerm(statementHash);
            if (!ok) revert InvalidCampaignParameter("statementHash");
            statementTerms[statementHash] = [x, y];
            emit CampaignStatementAdded(campaignId, statementHash, issuerKeyHash);
        }

        uint256 funded = _pull(token, params.budget);
        if (funded < params.rewardPerClaim || funded > type(uint128).max) revert InvalidCampaignParameter("budget");
        campaigns[campaignId] = Campaign({
            token: token,
            start: params.start,
            end: params.end,
            paused: false,
            // Both casts are safe: rewardPerClaim <= funded <= type(uint128).max was checked above.
            // forge-lint: disable-next-line(unsafe-typecast)
            rewardPerClaim: uint128(params.rewardPerClaim),
            // forge-lint: disable-next-line(unsafe-typecast)
            remaining: uint128(funded),
            creator: msg.sender,
            scope: scope
        });
        emit CampaignCreated(
            campaignId,
            msg.sender,
            token,
            scope,
            params.rewardPerClaim,
            funded,
            params.start,
            params.end,
            params.metadata
        );
        CredentialPredicate.Predicate calldata predicate = params.predicate;
        emit CampaignPredicate(
            campaignId,
            predicate.attributeId,
            predicate.operator,
            predicate.operandA,
            predicate.operandB,
            predicate.setHash,
            params.merchantScope
        );
    }

    /// @notice Adds `amount` to a campaign's budget before it ends. Only the creator (what is left
    ///         after the end goes back to the creator).
    /// @return funded What the pool actually received.
    function topUp(uint256 campaignId, uint256 amount) external nonReentrant returns (uint256 funded) {
        Campaign storage campaign = _campaignOfCreator(campaignId);
        if (block.timestamp >= campaign.end) revert CampaignEnded(campaignId);
        if (amount == 0) revert InvalidCampaignParameter("amount");
        funded = _pull(campaign.token, amount);
        uint256 remaining = uint256(campaign.remaining) + funded;
        if (remaining > type(uint128).max) revert InvalidCampaignParameter("amount");
        // forge-lint: disable-next-line(unsafe-typecast)
        campaign.remaining = uint128(remaining); // checked just above
        emit CampaignToppedUp(campaignId, msg.sender, funded, remaining);
    }

    /// @notice Stops claims until unpause. Only the creator; the end date and budget are unchanged.
    function pause(uint256 campaignId) external {
        Campaign storage campaign = _campaignOfCreator(campaignId);
        if (campaign.paused) revert CampaignIsPaused(campaignId);
        campaign.paused = true;
        emit CampaignPaused(campaignId, msg.sender);
    }

    /// @notice Allows claims again. Only the creator.
    function unpause(uint256 campaignId) external {
        Campaign storage campaign = _campaignOfCreator(campaignId);
        if (!campaign.paused) revert CampaignNotPaused(campaignId);
        campaign.paused = false;
        emit CampaignUnpaused(campaignId, msg.sender);
    }

    /// @notice Sends the unspent budget of an ended campaign to its creator. Only the creator.
    /// @dev Without it, whatever no one claimed would stay locked in the pool forever.
    /// @return amount Tokens sent (0 if everything was claimed or already withdrawn).
    function withdraw(uint256 campaignId) external nonReentrant returns (uint256 amount) {
        Campaign storage campaign = _campaignOfCreator(campaignId);
        if (block.timestamp < campaign.end) revert CampaignNotEnded(campaignId);
        amount = campaign.remaining;
        campaign.remaining = 0;
        emit CampaignWithdrawn(campaignId, msg.sender, amount);
        campaign.token.safeTransfer(msg.sender, amount);
    }

    /// @notice Ends a running (or not yet started) campaign now and sends its unspent budget back to
    ///         the creator. Only the creator. From this block on every claim is refused
    ///         (CampaignNotActive), as after a normal end.
    /// @dev The merchant relays each claim as it accepts the answer, so closing leaves behind only
    ///      claims not sent yet; the merchant's page says so before it closes.
    /// @return amount Tokens sent back.
    function close(uint256 campaignId) external nonReentrant returns (uint256 amount) {
        Campaign storage campaign = _campaignOfCreator(campaignId);
        if (block.timestamp >= campaign.end) revert CampaignEnded(campaignId);
        // forge-lint: disable-next-line(unsafe-typecast)
        campaign.end = uint40(block.timestamp); // before the end, which fits in uint40
        amount = campaign.remaining;
        campaign.remaining = 0;
        emit CampaignClosed(campaignId, msg.sender, amount);
        campaign.token.safeTransfer(msg.sender, amount);
    }

    // --- claims --------------------------------------------------------------------------------

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
        uint256[SIGNAL_COUNT] calldata signals
    ) external nonReentrant {
        Campaign storage campaign = campaigns[campaignId];
        (bytes4 reason, uint256 detail, uint256 nullifier, address recipient,) =
            _check(campaignId, campaign, signals, 0);
        if (reason != 0) _revertWith(reason, detail);
        if (!_verifyProof(a, b, c, signals)) revert InvalidProof();
        uint128 reward = campaign.rewardPerClaim;
        nullifierUsed[nullifier] = true;
        unchecked {
            campaign.remaining -= reward; // _check saw remaining >= reward
        }
        emit Claimed(campaignId, nullifier, recipient, reward);
        campaign.token.safeTransfer(recipient, reward);
    }

    /// @notice Pays up to MAX_BATCH claims with one batched Groth16 check (one pairing per proof plus
    ///         three shared, instead of four per proof).
    /// @dev Every claim is checked on its own, as claim() would: a claim that breaks a rule (used
    ///      nullifier, paused or ended campaign, exhausted budget, untrusted issuer, stale proof...) is
    ///      skipped with a ClaimRejected event and the others are paid. The proofs of the accepted
    ///      claims are then verified together; if that check fails the whole call reverts with
    ///      InvalidProof, because a random linear combination says that some proof is bad, not which.
    ///      Relayers verify each proof off-chain before batching (sdk/zk does it in milliseconds).
    /// @param campaignIds The campaign of each proof (campaignIds[i] for proofs[i]).
    /// @param proofs The proofs with their public signals.
    /// @return paid How many claims were paid.
    function claimBatch(uint256[] calldata campaignIds, IGroth16Verifier.Proof[] calldata proofs)
        external
        nonReentrant
        returns (uint256 paid)
    {
        uint256 n = proofs.length;
        if (n == 0 || n > MAX_BATCH || campaignIds.length != n) revert InvalidBatch(n, campaignIds.length);
        address[] memory recipients = new address[](n);
        uint256[] memory nullifiers = new uint256[](n);
        uint256 mask;
        uint256 trustedIssuer; // the last issuer the registry confirmed in this call
        for (uint256 i = 0; i < n; i++) {
            (address recipient, uint256 nullifier, uint256 issuer) =
                _acceptForBatch(i, campaignIds[i], proofs[i].signals, trustedIssuer);
            if (recipient == address(0)) continue;
            trustedIssuer = issuer;
            recipients[i] = recipient;
            nullifiers[i] = nullifier;
            mask |= 1 << i;
        }
        if (mask == 0) return 0;
        if (!verifier.verifyBatch(proofs, mask)) revert InvalidProof();
        for (uint256 i = 0; i < n; i++) {
            address recipient = recipients[i];
            if (recipient == address(0)) continue;
            uint256 campaignId = campaignIds[i];
            Campaign storage campaign = campaigns[campaignId];
            uint256 reward = campaign.rewardPerClaim;
            emit Claimed(campaignId, nullifiers[i], recipient, reward);
            campaign.token.safeTransfer(recipient, reward);
            paid++;
        }
    }

    /// @dev Checks claim `index` of a batch; if it breaks a rule, emits ClaimRejected and returns a
    ///      zero recipient. Otherwise spends the nullifier and the budget now, so a second claim of
    ///      the same nullifier or past the budget in this very batch is rejected by its own check (a
    ///      failed proof check afterwards reverts all of it).
    function _acceptForBatch(
        uint256 index,
        uint256 campaignId,
        uint256[SIGNAL_COUNT] calldata signals,
        uint256 trustedIssuer
    ) private returns (address recipient, uint256 nullifier, uint256 issuerKeyHash) {
        Campaign storage campaign = campaigns[campaignId];
        bytes4 reason;
        uint256 detail;
        (reason, detail, nullifier, recipient, issuerKeyHash) = _check(campaignId, campaign, signals, trustedIssuer);
        if (reason != 0) {
            emit ClaimRejected(campaignId, index, reason, detail);
            return (address(0), 0, 0);
        }
        nullifierUsed[nullifier] = true;
        unchecked {
            campaign.remaining -= campaign.rewardPerClaim; // _check saw remaining >= reward
        }
    }

    // --- views ---------------------------------------------------------------------------------

    /// @notice The nullifier scope a campaign created by `creator` with `salt` gets: unique per chain,
    ///         pool, creator and salt, so a nullifier (and a proof) from one campaign is useless in
    ///         any other, and it is known before the campaign exists.
    function scopeOf(address creator, bytes32 salt) external view returns (uint256) {
        return _scopeFor(creator, salt);
    }

    /// @notice The statement hash of a proof for `predicate` from issuer `issuerKeyHash` with these
    ///         scopes (circuit v3): Poseidon(Poseidon(attributeId, operator, operandA, operandB,
    ///         setHash), issuerKeyHash, merchantScope, nullifierScope). Refuses predicates
    ///         createCampaign refuses.
    function statementHashOf(
        CredentialPredicate.Predicate calldata predicate,
        uint256 issuerKeyHash,
        uint256 merchantScope,
        uint256 nullifierScope
    ) external pure returns (uint256) {
        return CredentialPredicate.statement(_predicateHash(predicate), issuerKeyHash, merchantScope, nullifierScope);
    }

    // --- internals -----------------------------------------------------------------------------

    /// @dev Poseidon(attributeId, operator, operandA, operandB, setHash), after refusing what no proof
    ///      can carry and statements every holder satisfies (CredentialPredicate.hash says which).
    function _predicateHash(CredentialPredicate.Predicate calldata p) private pure returns (uint256 predicateHash) {
        string memory invalidField;
        (predicateHash, invalidField) =
            CredentialPredicate.hash(p.attributeId, p.operator, p.operandA, p.operandB, p.setHash);
        if (bytes(invalidField).length != 0) revert InvalidCampaignParameter(invalidField);
    }

    /// @dev Shifted right by 8 bits so it is below the BN254 field order and fits a public signal.
    ///      Virtual only so a test-only subclass can pin the scope a pre-generated proof was made for.
    function _scopeFor(address creator, bytes32 salt) internal view virtual returns (uint256) {
        return uint256(keccak256(abi.encode(block.chainid, address(this), creator, salt))) >> 8;
    }

    /// @dev The one function that knows the public-signal layout: the statement the proof is about,
    ///      the recipient, its nullifier and the proof's time (circuit v2: recipientAndTime =
    ///      recipient + now * 2^160, both range-checked in the circuit).
    function _readSignals(uint256[SIGNAL_COUNT] calldata s)
        private
        pure
        returns (uint256 statementHash, uint256 recipient, uint256 nullifier, uint256 proofTime)
    {
        statementHash = s[SignalIndex.STATEMENT_HASH];
        nullifier = s[SignalIndex.NULLIFIER];
        uint256 recipientAndTime = s[SignalIndex.RECIPIENT_AND_TIME];
        // The low 160 bits on purpose: the time sits above them.
        // forge-lint: disable-next-line(unsafe-typecast)
        recipient = uint256(uint160(recipientAndTime));
        proofTime = recipientAndTime >> SignalIndex.RECIPIENT_BITS;
    }

    /// @dev Every claim rule except the proof itself, without reverting: `reason` is the selector of
    ///      the error to raise (0 = all good) and `detail` its argument. `trustedIssuer` is an issuer
    ///      the registry already confirmed in this transaction (0 = none), to skip asking again.
    function _check(
        uint256 campaignId,
        Campaign storage campaign,
        uint256[SIGNAL_COUNT] calldata signals,
        uint256 trustedIssuer
    )
        private
        view
        returns (bytes4 reason, uint256 detail, uint256 nullifier, address recipient, uint256 issuerKeyHash)
    {
        if (address(campaign.token) == address(0)) {
            return (CampaignNotFound.selector, campaignId, 0, address(0), 0);
        }
        if (block.timestamp < campaign.start || block.timestamp >= campaign.end) {
            return (CampaignNotActive.selector, campaignId, 0, address(0), 0);
        }
        if (campaign.paused) return (CampaignIsPaused.selector, campaignId, 0, address(0), 0);
        (uint256 statementHash, uint256 recipientSignal, uint256 nullifier_, uint256 proofTime) = _readSignals(signals);
        issuerKeyHash = campaignStatements[campaignId][statementHash];
        if (issuerKeyHash == 0) return (StatementNotInCampaign.selector, statementHash, 0, address(0), 0);
        if (recipientSignal == 0) return (InvalidRecipient.selector, recipientSignal, 0, address(0), 0);
        // Future first: it bounds proofTime, so the addition below cannot overflow.
        if (proofTime > block.timestamp + MAX_CLOCK_DRIFT) {
            return (ProofFromFuture.selector, proofTime, 0, address(0), 0);
        }
        if (proofTime + MAX_PROOF_AGE < block.timestamp) return (ProofTooOld.selector, proofTime, 0, address(0), 0);
        if (nullifierUsed[nullifier_]) return (NullifierUsed.selector, nullifier_, 0, address(0), 0);
        if (campaign.remaining < campaign.rewardPerClaim) {
            return (BudgetExhausted.selector, campaignId, 0, address(0), 0);
        }
        // Asked at claim time, not at creation: an issuer revoked since then must stop paying out.
        if (issuerKeyHash != trustedIssuer && !issuerRegistry.isTrusted(issuerKeyHash)) {
            return (IssuerNotTrusted.selector, issuerKeyHash, 0, address(0), 0);
        }
        // forge-lint: disable-next-line(unsafe-typecast)
        return (0, 0, nullifier_, address(uint160(recipientSignal)), issuerKeyHash); // < 2^160 by _readSignals
    }

    /// @dev One Groth16 proof against the credential key, inline: CredentialKey.verifyFrom is what
    ///      CredentialVerifier.verifyProof runs after computing the statement's term, which the pool
    ///      stored at creation (_check has confirmed the statement belongs to the campaign, so it is
    ///      there). The statement hash is signal 0, the one firstTerm covers (a test pins it). Virtual
    ///      only so a test-only subclass can put a mock verifier behind claim() and test the pool's rules
    ///      without real proofs.
    function _verifyProof(
        uint256[2] calldata a,
        uint256[2][2] calldata b,
        uint256[2] calldata c,
        uint256[SIGNAL_COUNT] calldata signals
    ) internal view virtual returns (bool) {
        uint256[2] storage term = statementTerms[signals[SignalIndex.STATEMENT_HASH]];
        return CredentialKey.verifyFrom(term[0], term[1], a, b, c, signals);
    }

    /// @dev Reverts with the custom error `reason(detail)`; every error _check returns takes one uint256.
    function _revertWith(bytes4 reason, uint256 detail) private pure {
        assembly ("memory-safe") {
            mstore(0, reason)
            mstore(4, detail)
            revert(0, 36)
        }
    }

    /// @dev The campaign, if it exists and the caller created it.
    function _campaignOfCreator(uint256 campaignId) private view returns (Campaign storage campaign) {
        campaign = campaigns[campaignId];
        if (address(campaign.token) == address(0)) revert CampaignNotFound(campaignId);
        if (msg.sender != campaign.creator) revert NotCampaignCreator(campaignId, msg.sender);
    }

    /// @dev Pulls `amount` from the caller and returns what actually arrived.
    function _pull(IERC20 token, uint256 amount) private returns (uint256 received) {
        uint256 balanceBefore = token.balanceOf(address(this));
        token.safeTransferFrom(msg.sender, address(this), amount);
        received = token.balanceOf(address(this)) - balanceBefore;
    }
}
