package com.ccs.workflows.validatecustomer;

import com.ccs.workflows.errors.DependencyUnavailableException;
import com.ccs.workflows.testing.HostileEvents;
import com.ccs.workflows.testing.LogHygiene;
import com.ccs.workflows.testing.LogScan;
import com.ccs.workflows.testing.SampleEvents;
import com.ccs.workflows.testing.TestLambdaContext;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * What validate-customer logs, for every sample event, for hostile requests and when the registry fails, holds no
 * secret and no unmasked document number (see {@link LogScan}).
 */
class ValidateCustomerLogHygieneTest {
    private static final String MODULE = "validate-customer";
    private static final Set<String> PERSONAL = Set.of("document_id", "company_info.tax_id", "execution_id");

    private static InMemoryCompanyRegistry registry() {
        return new InMemoryCompanyRegistry()
                .register("901234567", "LOGISTICA ANDINA SAS", RegistryStatus.ACTIVE)
                .register("900123456", "OTRA RAZON SOCIAL SAS", RegistryStatus.ACTIVE)
                .register("830045678", "CARGA PESADA DEL CARIBE LTDA", RegistryStatus.SUSPENDED);
    }

    private static void invoke(LogHygiene hygiene, String label, Object event, CompanyRegistry registry) {
        ValidateCustomerHandler handler =
                new ValidateCustomerHandler(new CustomerValidationService(registry, new InMemoryPlateOwners()));
        @SuppressWarnings("unchecked")
        Map<String, Object> request = (Map<String, Object>) event;
        hygiene.invoke(label, event, () -> handler.handle(request, new TestLambdaContext("ccs-test-" + MODULE)));
    }

    @Test
    void samplesHostileRequestsAndRegistryFailuresLogNoSecretOrDocumentNumber() {
        List<String> samples = LogHygiene.samples(MODULE);
        Map<String, Object> valid = SampleEvents.load(MODULE, "valid-75-vehicles.json");
        HostileEvents events = HostileEvents.seeded();
        try (LogHygiene hygiene = new LogHygiene(MODULE, LogScan.create())) {
            for (String name : samples) {
                Map<String, Object> sample = SampleEvents.load(MODULE, name);
                invoke(hygiene, name, sample, registry());
                for (Supplier<RuntimeException> failure : List.<Supplier<RuntimeException>>of(
                        () -> new DependencyUnavailableException("company-registry", "HTTP 503", null),
                        () -> new RegistryResponseException(
                                "company registry answered an unknown status \"CLOSED\""))) {
                    CompanyRegistry failing = nit -> {
                        throw failure.get();
                    };
                    invoke(hygiene, name + " with the registry failing", sample, failing);
                }
                invoke(hygiene, name + " with an unregistered company", sample, new InMemoryCompanyRegistry());
            }
            for (HostileEvents.Case c : LogHygiene.pick(events.cases(valid, 100), 400, PERSONAL)) {
                invoke(hygiene, c.toString(), c.event(), registry());
            }
            hygiene.report();
        }
    }
}
