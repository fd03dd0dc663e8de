// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {RewardPool} from "../../src/RewardPool.sol";
import {IGroth16Verifier} from "../../src/interfaces/IGroth16Verifier.sol";
import {IIssuerRegistry} from "../../src/interfaces/IIssuerRegistry.sol";
import {SIGNAL_COUNT} from "../../src/SignalIndex.sol";

/// @notice Test-only RewardPool whose claim() asks the verifier it was given (a MockVerifier in the
///         unit, fuzz and invariant tests) instead of running the real key inline, so the pool's rules
///         can be tested without proofs. claimBatch already asks that verifier. The inline check is
///         tested with real proofs in RewardPool.realProof.t.sol.
contract MockProofRewardPool is RewardPool {
    constructor(IGroth16Verifier verifier_, IIssuerRegistry issuerRegistry_, IERC20 defaultToken_)
        RewardPool(verifier_, issuerRegistry_, defaultToken_)
    {}

    function _verifyProof(
        uint256[2] calldata a,
        uint256[2][2] calldata b,
        uint256[2] calldata c,
        uint256[SIGNAL_COUNT] calldata signals
    ) internal view override returns (bool) {
        return verifier.verifyProof(a, b, c, signals);
    }
}
