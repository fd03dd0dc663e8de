// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IGroth16Verifier} from "../../src/interfaces/IGroth16Verifier.sol";

/// @notice A verifier whose answer the test sets, so RewardPool's own rules can be tested without
///         generating proofs. The real verifier is exercised in RewardPool.realProof.t.sol.
contract MockVerifier is IGroth16Verifier {
    bool public accepts = true;

    function setAccepts(bool accepts_) external {
        accepts = accepts_;
    }

    function verifyProof(uint256[2] calldata, uint256[2][2] calldata, uint256[2] calldata, uint256[13] calldata)
        external
        view
        returns (bool)
    {
        return accepts;
    }
}
