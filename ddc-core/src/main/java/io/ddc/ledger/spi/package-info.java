/**
 * The ledger storage SPI: what a store must do for {@link io.ddc.ledger.Ledger}, and only the
 * value types in those signatures. Implement {@link io.ddc.ledger.spi.LedgerStore} to put a
 * ledger in another database, and prove it with the conformance kit
 * ({@code io.ddc.ledger.LedgerStoreContract} in ddc-core's test-jar).
 */
package io.ddc.ledger.spi;
