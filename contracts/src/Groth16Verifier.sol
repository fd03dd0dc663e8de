// SPDX-License-Identifier: GPL-3.0
/*
    Copyright 2021 0KIMS association.

    This file is generated with [snarkJS](https://github.com/iden3/snarkjs).

    snarkJS is a free software: you can redistribute it and/or modify it
    under the terms of the GNU General Public License as published by
    the Free Software Foundation, either version 3 of the License, or
    (at your option) any later version.

    snarkJS is distributed in the hope that it will be useful, but WITHOUT
    ANY WARRANTY; without even the implied warranty of MERCHANTABILITY
    or FITNESS FOR A PARTICULAR PURPOSE. See the GNU General Public
    License for more details.

    You should have received a copy of the GNU General Public License
    along with snarkJS. If not, see <https://www.gnu.org/licenses/>.
*/

pragma solidity >=0.7.0 <0.9.0;

contract Groth16Verifier {
    // Scalar field size
    uint256 constant r    = 21888242871839275222246405745257275088548364400416034343698204186575808495617;
    // Base field size
    uint256 constant q   = 21888242871839275222246405745257275088696311157297823662689037894645226208583;

    // Verification Key data
    uint256 constant alphax  = 6077488231958058972588980013271242599141166881566881278413635666412295191656;
    uint256 constant alphay  = 17407394709551590247504303045583968627630501765985761352638292649802597447560;
    uint256 constant betax1  = 16942927239554854699333211577201087702800994466006212199228726976162425606700;
    uint256 constant betax2  = 10062842982317368594079206851337394335601971516644673758401139138017338503756;
    uint256 constant betay1  = 17918428901852111159943360231837167882695780218520001337375502592542112927075;
    uint256 constant betay2  = 1907370830794180128666757545461745391887360236193688070410199810930866641030;
    uint256 constant gammax1 = 11559732032986387107991004021392285783925812861821192530917403151452391805634;
    uint256 constant gammax2 = 10857046999023057135944570762232829481370756359578518086990519993285655852781;
    uint256 constant gammay1 = 4082367875863433681332203403145435568316851327593401208105741076214120093531;
    uint256 constant gammay2 = 8495653923123431417604973247489272438418190587263600148770280649306958101930;
    uint256 constant deltax1 = 4580662839011174594515474839531762665476444638142026831746976337577717383665;
    uint256 constant deltax2 = 5506049185826224287408407594620187463341814131746179561739573510379785256947;
    uint256 constant deltay1 = 3569818737278656874059033972416244593998827004321679471914943667609724825520;
    uint256 constant deltay2 = 10229270450391977270170638878923533030954287441524780599456916083310877193959;

    
    uint256 constant IC0x = 16469110138508596036835850123447249039604867519389668870630393659001999648536;
    uint256 constant IC0y = 21678722738987881169144342628700937161578092728239796668663035433646054978645;
    
    uint256 constant IC1x = 2197036286400763076468185997624574881781089578172074640053587757324562997193;
    uint256 constant IC1y = 7431964349221528591055830438673479730323500005375783334662091889216683998828;
    
    uint256 constant IC2x = 4169493810079209933054793589130053868990519752633224181827622308368266370693;
    uint256 constant IC2y = 11567448899700838533810073213162381861594157762621016900235499931239729728516;
    
    uint256 constant IC3x = 14259197583091965777219258314459364748736448973862543559058482719508345494689;
    uint256 constant IC3y = 2871605727364769059122399837400719029253699520105192373977865131717018004438;
    
    uint256 constant IC4x = 12590777430577310538689827922672164494989327392540270941004800901248926833314;
    uint256 constant IC4y = 18781274877924052828842001385787799305777755066302107454112306328759167685445;
    
    uint256 constant IC5x = 16963498725597589767711805702049236855521279855110246310830641646212635833576;
    uint256 constant IC5y = 7823928118166489141892199973432410487251816099147208880423394027816795124794;
    
    uint256 constant IC6x = 13120417506724409374521376141258922711960409565396603607971614451855047260479;
    uint256 constant IC6y = 2941550684232303256708412714829068348690092060926040620349843643638385487610;
    
    uint256 constant IC7x = 18949455417811903700514051339323095884177076980248405291780554810909259434591;
    uint256 constant IC7y = 15682298199129502049218102029745719446683733186137907940457494717617718222230;
    
    uint256 constant IC8x = 15091667577568798611629590287526883228706476458607874571386194214724521796059;
    uint256 constant IC8y = 3804314405814172989935737059580458321905472459075019544500657101682738085421;
    
    uint256 constant IC9x = 16110847940299104146565763475378899790000211825852581937802918624526635834185;
    uint256 constant IC9y = 3503269544845749789305956473894358594952602474524565430799098346468644037914;
    
    uint256 constant IC10x = 12060833934233705334950979053232612996128231405081358479426487591099742122064;
    uint256 constant IC10y = 9102881445229478127840264083967442809506069794456278568937582739579504084102;
    
    uint256 constant IC11x = 3778629588178115707503000763564907065174576172204673943374208614984855460893;
    uint256 constant IC11y = 19246787341126129812617898293597966344717082573952255091981197628033788000868;
    
    uint256 constant IC12x = 15398763511688085659259943147974444553041014504173323010250742527774202444935;
    uint256 constant IC12y = 2941146228271180655707946532753331349222039042093220779262799859742921002017;
    
    uint256 constant IC13x = 18947468120694157196685810056750531003962221775871555487203713726996017203739;
    uint256 constant IC13y = 7802814026192923900651527832827446220383388828040425470225740489995319384408;
    
 
    // Memory data
    uint16 constant pVk = 0;
    uint16 constant pPairing = 128;

    uint16 constant pLastMem = 896;

    function verifyProof(uint[2] calldata _pA, uint[2][2] calldata _pB, uint[2] calldata _pC, uint[13] calldata _pubSignals) public view returns (bool) {
        assembly {
            function checkField(v) {
                if iszero(lt(v, r)) {
                    mstore(0, 0)
                    return(0, 0x20)
                }
            }
            
            // G1 function to multiply a G1 value(x,y) to value in an address
            function g1_mulAccC(pR, x, y, s) {
                let success
                let mIn := mload(0x40)
                mstore(mIn, x)
                mstore(add(mIn, 32), y)
                mstore(add(mIn, 64), s)

                success := staticcall(sub(gas(), 2000), 7, mIn, 96, mIn, 64)

                if iszero(success) {
                    mstore(0, 0)
                    return(0, 0x20)
                }

                mstore(add(mIn, 64), mload(pR))
                mstore(add(mIn, 96), mload(add(pR, 32)))

                success := staticcall(sub(gas(), 2000), 6, mIn, 128, pR, 64)

                if iszero(success) {
                    mstore(0, 0)
                    return(0, 0x20)
                }
            }

            function checkPairing(pA, pB, pC, pubSignals, pMem) -> isOk {
                let _pPairing := add(pMem, pPairing)
                let _pVk := add(pMem, pVk)

                mstore(_pVk, IC0x)
                mstore(add(_pVk, 32), IC0y)

                // Compute the linear combination vk_x
                
                g1_mulAccC(_pVk, IC1x, IC1y, calldataload(add(pubSignals, 0)))
                
                g1_mulAccC(_pVk, IC2x, IC2y, calldataload(add(pubSignals, 32)))
                
                g1_mulAccC(_pVk, IC3x, IC3y, calldataload(add(pubSignals, 64)))
                
                g1_mulAccC(_pVk, IC4x, IC4y, calldataload(add(pubSignals, 96)))
                
                g1_mulAccC(_pVk, IC5x, IC5y, calldataload(add(pubSignals, 128)))
                
                g1_mulAccC(_pVk, IC6x, IC6y, calldataload(add(pubSignals, 160)))
                
                g1_mulAccC(_pVk, IC7x, IC7y, calldataload(add(pubSignals, 192)))
                
                g1_mulAccC(_pVk, IC8x, IC8y, calldataload(add(pubSignals, 224)))
                
                g1_mulAccC(_pVk, IC9x, IC9y, calldataload(add(pubSignals, 256)))
                
                g1_mulAccC(_pVk, IC10x, IC10y, calldataload(add(pubSignals, 288)))
                
                g1_mulAccC(_pVk, IC11x, IC11y, calldataload(add(pubSignals, 320)))
                
                g1_mulAccC(_pVk, IC12x, IC12y, calldataload(add(pubSignals, 352)))
                
                g1_mulAccC(_pVk, IC13x, IC13y, calldataload(add(pubSignals, 384)))
                

                // -A
                mstore(_pPairing, calldataload(pA))
                mstore(add(_pPairing, 32), mod(sub(q, calldataload(add(pA, 32))), q))

                // B
                mstore(add(_pPairing, 64), calldataload(pB))
                mstore(add(_pPairing, 96), calldataload(add(pB, 32)))
                mstore(add(_pPairing, 128), calldataload(add(pB, 64)))
                mstore(add(_pPairing, 160), calldataload(add(pB, 96)))

                // alpha1
                mstore(add(_pPairing, 192), alphax)
                mstore(add(_pPairing, 224), alphay)

                // beta2
                mstore(add(_pPairing, 256), betax1)
                mstore(add(_pPairing, 288), betax2)
                mstore(add(_pPairing, 320), betay1)
                mstore(add(_pPairing, 352), betay2)

                // vk_x
                mstore(add(_pPairing, 384), mload(add(pMem, pVk)))
                mstore(add(_pPairing, 416), mload(add(pMem, add(pVk, 32))))


                // gamma2
                mstore(add(_pPairing, 448), gammax1)
                mstore(add(_pPairing, 480), gammax2)
                mstore(add(_pPairing, 512), gammay1)
                mstore(add(_pPairing, 544), gammay2)

                // C
                mstore(add(_pPairing, 576), calldataload(pC))
                mstore(add(_pPairing, 608), calldataload(add(pC, 32)))

                // delta2
                mstore(add(_pPairing, 640), deltax1)
                mstore(add(_pPairing, 672), deltax2)
                mstore(add(_pPairing, 704), deltay1)
                mstore(add(_pPairing, 736), deltay2)


                let success := staticcall(sub(gas(), 2000), 8, _pPairing, 768, _pPairing, 0x20)

                isOk := and(success, mload(_pPairing))
            }

            let pMem := mload(0x40)
            mstore(0x40, add(pMem, pLastMem))

            // Validate that all evaluations ∈ F
            
            checkField(calldataload(add(_pubSignals, 0)))
            
            checkField(calldataload(add(_pubSignals, 32)))
            
            checkField(calldataload(add(_pubSignals, 64)))
            
            checkField(calldataload(add(_pubSignals, 96)))
            
            checkField(calldataload(add(_pubSignals, 128)))
            
            checkField(calldataload(add(_pubSignals, 160)))
            
            checkField(calldataload(add(_pubSignals, 192)))
            
            checkField(calldataload(add(_pubSignals, 224)))
            
            checkField(calldataload(add(_pubSignals, 256)))
            
            checkField(calldataload(add(_pubSignals, 288)))
            
            checkField(calldataload(add(_pubSignals, 320)))
            
            checkField(calldataload(add(_pubSignals, 352)))
            
            checkField(calldataload(add(_pubSignals, 384)))
            

            // Validate all evaluations
            let isValid := checkPairing(_pA, _pB, _pC, _pubSignals, pMem)

            mstore(0, isValid)
             return(0, 0x20)
         }
     }
 }
