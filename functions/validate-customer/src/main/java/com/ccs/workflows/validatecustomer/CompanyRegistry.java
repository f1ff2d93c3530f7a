package com.ccs.workflows.validatecustomer;

import com.ccs.workflows.contract.Nit;
import com.ccs.workflows.errors.DependencyUnavailableException;

/**
 * The external company registry (chamber of commerce / DIAN data) that says whether a company may sign.
 * Implementations throw {@link DependencyUnavailableException} when the registry cannot answer now (the state
 * machine retries) and {@link RegistryResponseException} when it answers something outside its contract.
 */
public interface CompanyRegistry {

    RegistryLookup lookup(Nit nit);
}
