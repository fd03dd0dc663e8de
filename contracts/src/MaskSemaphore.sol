// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

// Semaphore v4's contracts (npm @semaphore-protocol/contracts 4.14.3, the version of the JS packages
// the SDK proves with), built here so deployMaskContracts has their bytecode: the Poseidon library
// the group trees link to, the verifier, and Semaphore itself. Nothing is changed in them.
import {PoseidonT3} from "poseidon-solidity/PoseidonT3.sol";
import {Semaphore} from "@semaphore-protocol/contracts/Semaphore.sol";
import {SemaphoreVerifier} from "@semaphore-protocol/contracts/base/SemaphoreVerifier.sol";
