// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {RewardToken} from "../src/RewardToken.sol";
import {Test} from "./utils/Test.sol";

contract RewardTokenTest is Test {
    address internal owner = vm.addr(1);
    address internal alice = vm.addr(2);
    RewardToken internal token;

    function setUp() public {
        token = new RewardToken(owner);
    }

    function test_metadata() public view {
        assertEq(token.name(), "DeCDP Reward");
        assertEq(token.symbol(), "DCDP");
        assertEq(token.decimals(), 18);
        assertEq(token.totalSupply(), 0);
        assertEq(token.owner(), owner);
    }

    function test_mint_byOwner() public {
        vm.prank(owner);
        token.mint(alice, 7 ether);
        assertEq(token.balanceOf(alice), 7 ether);
        assertEq(token.totalSupply(), 7 ether);
    }

    function test_mint_byOtherReverts() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, alice));
        vm.prank(alice);
        token.mint(alice, 1);
    }

    function testFuzz_mint_addsExactly(address to, uint256 first, uint256 second) public {
        vm.assume(to != address(0));
        first = bound(first, 0, type(uint128).max);
        second = bound(second, 0, type(uint128).max);
        vm.startPrank(owner);
        token.mint(to, first);
        token.mint(to, second);
        vm.stopPrank();
        assertEq(token.balanceOf(to), first + second);
        assertEq(token.totalSupply(), first + second);
    }
}
