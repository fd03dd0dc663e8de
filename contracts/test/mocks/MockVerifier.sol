// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IGroth16Verifier} from "../../src/interfaces/IGroth16Verifier.sol";
import {SIGNAL_COUNT} from "../../src/SignalIndex.sol";

/// @notice A verifier whose answer the test sets, so RewardPool's own rules can be tested without
///         generating proofs. The real verifier is exercised in RewardPool.realProof.t.sol.
contract MockVerifier is IGroth16Verifier {
    bool public accepts = true;

    function setAccepts(bool accepts_) external {
        accepts = accepts_;
    }

    function verifyProof(
        uint256[2] calldata,
        uint256[2][2] calldata,
        uint256[2] calldata,
        uint256[SIGNAL_COUNT] calldata
    ) external view returns (bool) {
        return accepts;
    }

    function verifyBatch(Proof[] calldata, uint256 mask) external view returns (bool) {
        return accepts && mask != 0;
    }
}
