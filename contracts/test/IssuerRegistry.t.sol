// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IssuerRegistry} from "../src/IssuerRegistry.sol";
import {Test} from "./utils/Test.sol";

contract IssuerRegistryTest is Test {
    uint256 internal constant SNARK_SCALAR_FIELD =
        21888242871839275222246405745257275088548364400416034343698204186575808495617;
    uint256 internal constant KEY = 0x1234abcd;
    uint256 internal constant NEW_KEY = 0x5678ef;
    uint256 internal constant AX = 111;
    uint256 internal constant AY = 222;

    address internal owner = vm.addr(1);
    address internal stranger = vm.addr(2);
    address internal bank = vm.addr(3);
    IssuerRegistry internal registry;

    function setUp() public {
        registry = new IssuerRegistry(owner);
        vm.warp(1_700_000_000);
    }

    function _register() internal returns (uint256 id) {
        vm.prank(owner);
        id = registry.registerIssuer(bank, "Example Bank", KEY, AX, AY);
    }

    function test_registerIssuer_trustsKeyAndKeepsNameAndPoint() public {
        vm.expectEmit(true, true, true, true, address(registry));
        emit IssuerRegistry.IssuerRegistered(1, bank, KEY, "Example Bank");
        vm.expectEmit(true, true, true, true, address(registry));
        emit IssuerRegistry.KeyActivated(1, KEY, AX, AY);
        uint256 id = _register();
        assertEq(id, 1);
        assertTrue(registry.isTrusted(KEY), "trusted after register");
        (address admin, uint256 currentKey,,, string memory name,) = registry.issuers(id);
        assertEq(admin, bank);
        assertEq(currentKey, KEY);
        assertEq(name, "Example Bank");
        (IssuerRegistry.KeyStatus status,, uint64 issuerId, uint256 ax, uint256 ay) = registry.keys(KEY);
        assertEq(uint256(status), uint256(IssuerRegistry.KeyStatus.Active));
        assertEq(issuerId, 1);
        assertEq(ax, AX);
        assertEq(ay, AY);
    }

    function test_registerIssuer_byOtherThanOwnerReverts() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        vm.prank(stranger);
        registry.registerIssuer(stranger, "Mallory Inc", KEY, AX, AY);
    }

    function test_registerIssuer_invalidInputReverts() public {
        vm.startPrank(owner);
        vm.expectRevert(abi.encodeWithSelector(IssuerRegistry.InvalidKey.selector, 0));
        registry.registerIssuer(bank, "Bank", 0, AX, AY);
        vm.expectRevert(abi.encodeWithSelector(IssuerRegistry.InvalidKey.selector, SNARK_SCALAR_FIELD));
        registry.registerIssuer(bank, "Bank", SNARK_SCALAR_FIELD, AX, AY);
        vm.expectRevert(abi.encodeWithSelector(IssuerRegistry.InvalidKey.selector, KEY));
        registry.registerIssuer(bank, "Bank", KEY, 0, AY);
        vm.expectRevert(abi.encodeWithSelector(IssuerRegistry.InvalidKey.selector, KEY));
        registry.registerIssuer(bank, "Bank", KEY, AX, SNARK_SCALAR_FIELD);
        vm.expectRevert(IssuerRegistry.EmptyIssuerName.selector);
        registry.registerIssuer(bank, "", KEY, AX, AY);
        vm.expectRevert(IssuerRegistry.InvalidAdmin.selector);
        registry.registerIssuer(address(0), "Bank", KEY, AX, AY);
        vm.stopPrank();
    }

    function test_registerIssuer_keyTwiceReverts() public {
        _register();
        vm.expectRevert(abi.encodeWithSelector(IssuerRegistry.KeyAlreadyRegistered.selector, KEY));
        vm.prank(owner);
        registry.registerIssuer(stranger, "Copycat", KEY, AX, AY);
    }

    function test_rotateKey_newKeyTrustedOldKeyDuringGrace() public {
        uint256 id = _register();
        vm.expectEmit(true, true, true, true, address(registry));
        emit IssuerRegistry.KeyRetired(id, KEY, uint40(block.timestamp + 1 days));
        vm.expectEmit(true, true, true, true, address(registry));
        emit IssuerRegistry.KeyActivated(id, NEW_KEY, 5, 6);
        vm.prank(bank);
        registry.rotateKey(id, NEW_KEY, 5, 6, 1 days);
        assertTrue(registry.isTrusted(NEW_KEY), "new key trusted");
        assertTrue(registry.isTrusted(KEY), "old key trusted during the grace");
        vm.warp(block.timestamp + 1 days);
        assertFalse(registry.isTrusted(KEY), "old key not trusted after the grace");
        assertTrue(registry.isTrusted(NEW_KEY), "new key trusted");
        (, uint256 currentKey,,,,) = registry.issuers(id);
        assertEq(currentKey, NEW_KEY);
    }

    function test_rotateKey_rules() public {
        uint256 id = _register();
        vm.expectRevert(abi.encodeWithSelector(IssuerRegistry.NotIssuerAdmin.selector, id, stranger));
        vm.prank(stranger);
        registry.rotateKey(id, NEW_KEY, 5, 6, 0);
        vm.expectRevert(abi.encodeWithSelector(IssuerRegistry.GraceTooLong.selector, 366 days));
        vm.prank(bank);
        registry.rotateKey(id, NEW_KEY, 5, 6, 366 days);
        vm.expectRevert(abi.encodeWithSelector(IssuerRegistry.KeyAlreadyRegistered.selector, KEY));
        vm.prank(bank);
        registry.rotateKey(id, KEY, AX, AY, 0);
        vm.expectRevert(abi.encodeWithSelector(IssuerRegistry.IssuerNotFound.selector, 9));
        vm.prank(owner);
        registry.rotateKey(9, NEW_KEY, 5, 6, 0);
        vm.prank(owner); // governance may rotate for an issuer that lost its admin key
        registry.rotateKey(id, NEW_KEY, 5, 6, 0);
        assertFalse(registry.isTrusted(KEY), "no grace: old key untrusted at once");
    }

    function test_revokeKey_isFinalAndByAdminOrOwner() public {
        uint256 id = _register();
        vm.expectRevert(abi.encodeWithSelector(IssuerRegistry.NotIssuerAdmin.selector, id, stranger));
        vm.prank(stranger);
        registry.revokeKey(KEY);

        vm.expectEmit(true, true, true, true, address(registry));
        emit IssuerRegistry.KeyRevoked(id, KEY, bank);
        vm.prank(bank);
        registry.revokeKey(KEY);
        assertFalse(registry.isTrusted(KEY), "revoked");
        (, uint256 currentKey,,,,) = registry.issuers(id);
        assertEq(currentKey, 0, "no current key");

        vm.expectRevert(abi.encodeWithSelector(IssuerRegistry.KeyAlreadyRevoked.selector, KEY));
        vm.prank(owner);
        registry.revokeKey(KEY);
        vm.expectRevert(abi.encodeWithSelector(IssuerRegistry.KeyAlreadyRegistered.selector, KEY));
        vm.prank(bank);
        registry.rotateKey(id, KEY, AX, AY, 0);

        vm.prank(bank); // a fresh key after a revocation
        registry.rotateKey(id, NEW_KEY, 5, 6, 0);
        assertTrue(registry.isTrusted(NEW_KEY), "new key trusted");
    }

    function test_revokeKey_retiredKeyDuringGrace() public {
        uint256 id = _register();
        vm.prank(bank);
        registry.rotateKey(id, NEW_KEY, 5, 6, 30 days);
        vm.prank(owner);
        registry.revokeKey(KEY);
        assertFalse(registry.isTrusted(KEY), "a leaked old key is revoked before its grace ends");
    }

    function test_revokeKey_unknownReverts() public {
        vm.expectRevert(abi.encodeWithSelector(IssuerRegistry.KeyNotRegistered.selector, KEY));
        vm.prank(owner);
        registry.revokeKey(KEY);
    }

    function test_publishRevocations_byAdminOnly() public {
        uint256 id = _register();
        vm.expectRevert(abi.encodeWithSelector(IssuerRegistry.NotIssuerAdmin.selector, id, owner));
        vm.prank(owner);
        registry.publishRevocations(id, bytes32(uint256(1)), "https://bank.example/revocations/1");

        vm.expectEmit(true, true, true, true, address(registry));
        emit IssuerRegistry.RevocationsPublished(id, bytes32(uint256(7)), "https://bank.example/revocations/7");
        vm.prank(bank);
        registry.publishRevocations(id, bytes32(uint256(7)), "https://bank.example/revocations/7");
        (,, bytes32 root, uint40 updatedAt,, string memory uri) = registry.issuers(id);
        assertEq(root, bytes32(uint256(7)));
        assertEq(updatedAt, uint40(block.timestamp));
        assertEq(uri, "https://bank.example/revocations/7");

        vm.expectRevert(abi.encodeWithSelector(IssuerRegistry.IssuerNotFound.selector, 5));
        vm.prank(bank);
        registry.publishRevocations(5, bytes32(0), "");
    }

    function test_setIssuerAdmin_handsOver() public {
        uint256 id = _register();
        vm.expectEmit(true, true, true, true, address(registry));
        emit IssuerRegistry.IssuerAdminChanged(id, bank, stranger);
        vm.prank(bank);
        registry.setIssuerAdmin(id, stranger);
        vm.expectRevert(abi.encodeWithSelector(IssuerRegistry.NotIssuerAdmin.selector, id, bank));
        vm.prank(bank);
        registry.rotateKey(id, NEW_KEY, 5, 6, 0);
        vm.expectRevert(IssuerRegistry.InvalidAdmin.selector);
        vm.prank(owner);
        registry.setIssuerAdmin(id, address(0));
    }

    function test_ownership_twoStepTransfer() public {
        vm.prank(owner);
        registry.transferOwnership(stranger);
        assertEq(registry.owner(), owner, "still the old owner until accepted");
        vm.prank(stranger);
        registry.acceptOwnership();
        assertEq(registry.owner(), stranger);
    }

    function testFuzz_isTrusted_unknownKeysAreNot(uint256 keyHash) public {
        _register();
        vm.assume(keyHash != KEY);
        assertFalse(registry.isTrusted(keyHash), "unknown key");
    }
}
