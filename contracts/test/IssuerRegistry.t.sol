// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IssuerRegistry} from "../src/IssuerRegistry.sol";
import {Test} from "./utils/Test.sol";

contract IssuerRegistryTest is Test {
    uint256 internal constant SNARK_SCALAR_FIELD =
        21888242871839275222246405745257275088548364400416034343698204186575808495617;
    uint256 internal constant KEY = 0x1234abcd;

    address internal owner = vm.addr(1);
    address internal stranger = vm.addr(2);
    IssuerRegistry internal registry;

    function setUp() public {
        registry = new IssuerRegistry(owner);
    }

    function test_register_trustsKeyAndKeepsName() public {
        vm.expectEmit(true, true, true, true, address(registry));
        emit IssuerRegistry.IssuerRegistered(KEY, "Example Bank");
        vm.prank(owner);
        registry.register(KEY, "Example Bank");

        assertTrue(registry.isTrusted(KEY), "trusted after register");
        (IssuerRegistry.Status status, string memory name) = registry.issuers(KEY);
        assertEq(uint256(status), uint256(IssuerRegistry.Status.Trusted));
        assertEq(name, "Example Bank");
    }

    function test_register_byOtherThanOwnerReverts() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        vm.prank(stranger);
        registry.register(KEY, "Mallory Inc");
    }

    function test_register_invalidKeyHashReverts() public {
        vm.startPrank(owner);
        vm.expectRevert(abi.encodeWithSelector(IssuerRegistry.InvalidIssuerKeyHash.selector, 0));
        registry.register(0, "Zero");
        vm.expectRevert(abi.encodeWithSelector(IssuerRegistry.InvalidIssuerKeyHash.selector, SNARK_SCALAR_FIELD));
        registry.register(SNARK_SCALAR_FIELD, "Outside the field");
        vm.stopPrank();
    }

    function test_register_emptyNameReverts() public {
        vm.expectRevert(IssuerRegistry.EmptyIssuerName.selector);
        vm.prank(owner);
        registry.register(KEY, "");
    }

    function test_register_twiceReverts() public {
        vm.startPrank(owner);
        registry.register(KEY, "Example Bank");
        vm.expectRevert(abi.encodeWithSelector(IssuerRegistry.IssuerAlreadyRegistered.selector, KEY));
        registry.register(KEY, "Example Bank again");
        vm.stopPrank();
    }

    function test_revoke_stopsTrust() public {
        vm.startPrank(owner);
        registry.register(KEY, "Example Bank");
        vm.expectEmit(true, true, true, true, address(registry));
        emit IssuerRegistry.IssuerRevoked(KEY);
        registry.revoke(KEY);
        vm.stopPrank();

        assertFalse(registry.isTrusted(KEY), "not trusted after revoke");
        (IssuerRegistry.Status status, string memory name) = registry.issuers(KEY);
        assertEq(uint256(status), uint256(IssuerRegistry.Status.Revoked));
        assertEq(name, "Example Bank", "name kept for auditors");
    }

    function test_revoke_isFinal() public {
        vm.startPrank(owner);
        registry.register(KEY, "Example Bank");
        registry.revoke(KEY);
        vm.expectRevert(abi.encodeWithSelector(IssuerRegistry.IssuerKeyRevoked.selector, KEY));
        registry.register(KEY, "Example Bank");
        vm.expectRevert(abi.encodeWithSelector(IssuerRegistry.IssuerKeyRevoked.selector, KEY));
        registry.revoke(KEY);
        vm.stopPrank();
    }

    function test_revoke_unknownKeyReverts() public {
        vm.expectRevert(abi.encodeWithSelector(IssuerRegistry.IssuerNotRegistered.selector, KEY));
        vm.prank(owner);
        registry.revoke(KEY);
    }

    function test_revoke_byOtherThanOwnerReverts() public {
        vm.prank(owner);
        registry.register(KEY, "Example Bank");
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        vm.prank(stranger);
        registry.revoke(KEY);
    }

    function test_ownership_transfersInTwoSteps() public {
        vm.prank(owner);
        registry.transferOwnership(stranger);
        assertEq(registry.owner(), owner, "still the old owner until accepted");
        assertEq(registry.pendingOwner(), stranger);

        vm.prank(stranger);
        registry.acceptOwnership();
        assertEq(registry.owner(), stranger);

        vm.prank(stranger);
        registry.register(KEY, "Example Bank");
        assertTrue(registry.isTrusted(KEY), "new owner registers");
    }

    function testFuzz_isTrusted_onlyRegisteredKeys(uint256 registered, uint256 other) public {
        registered = bound(registered, 1, SNARK_SCALAR_FIELD - 1);
        vm.assume(other != registered);
        vm.prank(owner);
        registry.register(registered, "Issuer");
        assertTrue(registry.isTrusted(registered), "registered key trusted");
        assertFalse(registry.isTrusted(other), "any other key untrusted");
    }
}
