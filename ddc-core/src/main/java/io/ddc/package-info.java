/** ddc: distributed digital certificates. The root package holds the exception root. */
package io.ddc;
