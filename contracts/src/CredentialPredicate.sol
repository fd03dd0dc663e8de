// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {PoseidonT5} from "poseidon-solidity/PoseidonT5.sol";
import {PoseidonT6} from "poseidon-solidity/PoseidonT6.sol";

/// @title CredentialPredicate
/// @notice The statement a credential proof is about (circuit v3), for every contract that registers
///         statements in advance: RewardPool (campaigns) and MaskRegistry (admission).
///         statementHash = Poseidon(Poseidon(attributeId, operator, operandA, operandB, setHash),
///         issuerKeyHash, merchantScope, nullifierScope).
library CredentialPredicate {
    /// @notice BN254 scalar field order: every operand must be below it.
    uint256 internal constant SNARK_SCALAR_FIELD =
        21888242871839275222246405745257275088548364400416034343698204186575808495617;
    /// @notice Ordered comparisons (gte, lte, between, …) compare 64-bit values in the circuit.
    uint256 internal constant ORDERED_MAX = type(uint64).max;

    /// @notice What a proof's predicate says (sdk/src/protocol/predicate.ts encodes the request's words).
    /// @param attributeId The attribute's code in the vocabulary.
    /// @param operator 1 eq, 2 ne, 3 lt, 4 lte, 5 gt, 6 gte, 7 between, 8 notBetween, 9 in, 10 notIn
    ///        (11 exists is refused: every holder satisfies it).
    /// @param operandA The value compared with, or the range's low bound.
    /// @param operandB The range's high bound (0 for other operators).
    /// @param setHash Poseidon of the ten-element padded set (of ten zeros when unused).
    struct Predicate {
        uint256 attributeId;
        uint256 operator;
        uint256 operandA;
        uint256 operandB;
        uint256 setHash;
    }

    /// @dev Poseidon(attributeId, operator, operandA, operandB, setHash), or the name of the field at
    ///      fault (hash 0) for what no proof can carry (values outside the field; order operands of
    ///      64 bits or more) and for statements every holder satisfies, which would admit or pay anyone
    ///      with a credential (`exists`, `gte 0`, `lte` the maximum, `between` the whole range, a range
    ///      with swapped bounds).
    function hash(uint256 attributeId, uint256 op, uint256 a, uint256 b, uint256 setHash)
        internal
        pure
        returns (uint256, string memory invalidField)
    {
        if (op == 0 || op >= 11) return (0, "operator");
        if (attributeId >= SNARK_SCALAR_FIELD) return (0, "attributeId");
        if (setHash >= SNARK_SCALAR_FIELD) return (0, "setHash");
        if (a >= SNARK_SCALAR_FIELD || (op >= 3 && op <= 8 && a > ORDERED_MAX)) return (0, "operandA");
        if (b >= SNARK_SCALAR_FIELD || (op >= 7 && op <= 8 && b > ORDERED_MAX)) return (0, "operandB");
        bool vacuous = (op == 6 && a == 0) || (op == 4 && a == ORDERED_MAX) || (op == 7 && a == 0 && b == ORDERED_MAX);
        if (vacuous) return (0, "predicate");
        if ((op == 7 || op == 8) && a > b) return (0, "operandB");
        return (PoseidonT6.hash([attributeId, op, a, b, setHash]), "");
    }

    /// @dev The statement hash of a proof of a predicate (its hash) from one issuer with these scopes.
    function statement(uint256 predicateHash, uint256 issuerKeyHash, uint256 merchantScope, uint256 nullifierScope)
        internal
        pure
        returns (uint256)
    {
        return PoseidonT5.hash([predicateHash, issuerKeyHash, merchantScope, nullifierScope]);
    }
}
