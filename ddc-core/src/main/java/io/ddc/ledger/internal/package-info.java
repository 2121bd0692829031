/** Internal helpers of the ledger implementations: not API, may change without notice. */
package io.ddc.ledger.internal;
