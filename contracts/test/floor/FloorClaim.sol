// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {CredentialKey as K} from "../../src/CredentialVerifier.sol";

/// @notice Test-only: the least a claim can do, to measure the floor under RewardPool.claim (issue 5).
///         A Groth16 check with k = 1..4 public inputs (k multiplications of the credential key's IC
///         points, one pairing check of four pairs), one nullifier read and first write, one ERC-20
///         transfer to the recipient. No campaign, statement, issuer, time or budget rule, no event of
///         its own, no reentrancy guard.
/// @dev The pairing precompile costs 45,000 + 34,000 per pair whatever the points, so for k < 4 the
///      check runs on the real proof's points with a vk_x that is not the key's: the result is
///      returned, not enforced (for k = 4 and the untouched fixture it is true, which the test asserts).
///      The nullifier is signal min(1, k - 1), the recipient the low 160 bits of signal min(2, k - 1):
///      with fewer inputs a real design would hash the rest into them and send the preimage it must
///      read in calldata; this contract only prices the inputs.
contract FloorClaim {
    uint256 public constant REWARD = 5 ether;
    IERC20 public immutable token;
    mapping(uint256 nullifier => bool) public used;

    error NullifierUsed();
    error TransferFailed();
    error PrecompileFailed();

    constructor(IERC20 token_) {
        token = token_;
    }

    function claim1(uint256[8] calldata proof, uint256[1] calldata signals) external returns (bool) {
        uint256 signalsAt;
        assembly {
            signalsAt := signals
        }
        return _claim(proof, signalsAt, 1);
    }

    function claim2(uint256[8] calldata proof, uint256[2] calldata signals) external returns (bool) {
        uint256 signalsAt;
        assembly {
            signalsAt := signals
        }
        return _claim(proof, signalsAt, 2);
    }

    function claim3(uint256[8] calldata proof, uint256[3] calldata signals) external returns (bool) {
        uint256 signalsAt;
        assembly {
            signalsAt := signals
        }
        return _claim(proof, signalsAt, 3);
    }

    function claim4(uint256[8] calldata proof, uint256[4] calldata signals) external returns (bool) {
        uint256 signalsAt;
        assembly {
            signalsAt := signals
        }
        return _claim(proof, signalsAt, 4);
    }

    /// @param signalsAt Calldata offset of the k signals.
    function _claim(uint256[8] calldata proof, uint256 signalsAt, uint256 k) private returns (bool valid) {
        uint256 nullifier = _signal(signalsAt, k > 1 ? 1 : 0);
        address recipient = address(uint160(_signal(signalsAt, k > 2 ? 2 : k - 1)));
        if (used[nullifier]) revert NullifierUsed();
        used[nullifier] = true;
        (uint256 x, uint256 y) = _mulAdd(K.IC0_X, K.IC0_Y, K.IC1_X, K.IC1_Y, _signal(signalsAt, 0));
        if (k > 1) (x, y) = _mulAdd(x, y, K.IC2_X, K.IC2_Y, _signal(signalsAt, 1));
        if (k > 2) (x, y) = _mulAdd(x, y, K.IC3_X, K.IC3_Y, _signal(signalsAt, 2));
        if (k > 3) (x, y) = _mulAdd(x, y, K.IC4_X, K.IC4_Y, _signal(signalsAt, 3));
        valid = _pairing(proof, x, y);
        if (!token.transfer(recipient, REWARD)) revert TransferFailed();
    }

    function _signal(uint256 signalsAt, uint256 j) private pure returns (uint256 s) {
        assembly {
            s := calldataload(add(signalsAt, mul(j, 0x20)))
        }
    }

    /// @dev (ax, ay) + s (px, py): one ecMul and one ecAdd signalsAt their EIP-1108 prices.
    function _mulAdd(uint256 ax, uint256 ay, uint256 px, uint256 py, uint256 s)
        private
        view
        returns (uint256 x, uint256 y)
    {
        bool ok;
        assembly ("memory-safe") {
            let m := mload(0x40)
            mstore(m, ax)
            mstore(add(m, 0x20), ay)
            mstore(add(m, 0x40), px)
            mstore(add(m, 0x60), py)
            mstore(add(m, 0x80), s)
            ok := staticcall(6000, 7, add(m, 0x40), 0x60, add(m, 0x40), 0x40)
            ok := and(ok, staticcall(150, 6, m, 0x80, m, 0x40))
            x := mload(m)
            y := mload(add(m, 0x20))
        }
        if (!ok) revert PrecompileFailed();
    }

    /// @dev e(-A, B) e(alpha, beta) e(vk_x, gamma) e(C, delta) == 1, one 768-byte precompile call.
    function _pairing(uint256[8] calldata proof, uint256 vx, uint256 vy) private view returns (bool valid) {
        uint256[24] memory input;
        input[0] = proof[0];
        input[1] = (K.Q - proof[1]) % K.Q;
        input[2] = proof[2];
        input[3] = proof[3];
        input[4] = proof[4];
        input[5] = proof[5];
        input[6] = K.ALPHA_X;
        input[7] = K.ALPHA_Y;
        input[8] = K.BETA_X_IM;
        input[9] = K.BETA_X_RE;
        input[10] = K.BETA_Y_IM;
        input[11] = K.BETA_Y_RE;
        input[12] = vx;
        input[13] = vy;
        input[14] = K.GAMMA_X_IM;
        input[15] = K.GAMMA_X_RE;
        input[16] = K.GAMMA_Y_IM;
        input[17] = K.GAMMA_Y_RE;
        input[18] = proof[6];
        input[19] = proof[7];
        input[20] = K.DELTA_X_IM;
        input[21] = K.DELTA_X_RE;
        input[22] = K.DELTA_Y_IM;
        input[23] = K.DELTA_Y_RE;
        assembly ("memory-safe") {
            let success := staticcall(181000, 8, input, 768, 0, 0x20)
            valid := and(success, mload(0))
        }
    }
}
