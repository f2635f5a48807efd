/* global module */
// Hardhat 2 configuration for the in-process test chain (test/support/evm/chain.ts). Nothing is
// compiled by Hardhat: the test token is compiled with the solc package directly.
module.exports = {
  networks: {
    hardhat: {
      chainId: 31337,
      loggingEnabled: false,
      mining: { auto: true },
    },
  },
};
