package com.ccs.workflows.contract;

import com.ccs.workflows.contract.ContractRequestFields.CompanyInfo;
import com.ccs.workflows.contract.ContractRequestFields.Size;
import com.ccs.workflows.contract.ContractRequestFields.VehicleInput;
import com.ccs.workflows.errors.InvalidInputException;
import com.ccs.workflows.shared.event.EventFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads a contract request (the JSON object as a map) into {@link ContractRequestFields}. Only a request that is
 * not a JSON object at all is rejected ({@link InvalidInputException} on {@code $}); a field of the wrong type
 * becomes {@link Input.Malformed}, so that {@link ContractRules} can report every problem at once.
 */
public final class ContractRequestReader {

    private ContractRequestReader() {}

    public static ContractRequestFields read(Object request) {
        EventFields fields = EventFields.of(request);
        return new ContractRequestFields(
                read(() -> fields.optionalString("execution_id")),
                read(() -> fields.optionalString("customer_id")),
                read(() -> fields.optionalString("document_type")),
                read(() -> fields.optionalString("document_id")),
                read(() -> fields.optionalObject("company_info").map(ContractRequestReader::companyInfo)),
                read(() -> fields.optionalLong("number_of_vehicles")),
                read(() -> fields.optionalString("contract_type")),
                read(() -> fields.optionalLong("estimated_value")),
                read(() -> fields.optionalString("currency")),
                read(() -> fields.optionalString("payment_method")),
                read(() -> Optional.of(vehicles(fields))),
                read(() -> fields.optionalString("stripe_customer_id")),
                read(() -> fields.optionalString("payment_method_id")),
                size(request));
    }

    private static Size size(Object request) {
        Object vehicles = request instanceof Map<?, ?> map ? map.get("vehicles") : null;
        return new Size(JsonBytes.of(request), vehicles == null ? 0 : JsonBytes.of(vehicles));
    }

    private static CompanyInfo companyInfo(EventFields company) {
        return new CompanyInfo(
                read(() -> company.optionalString("name")), read(() -> company.optionalString("tax_id")));
    }

    /** An absent list means no plates are known yet, which is allowed; a non-object element makes the list malformed. */
    private static List<VehicleInput> vehicles(EventFields fields) {
        List<EventFields> items = fields.objectList("vehicles");
        List<VehicleInput> vehicles = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            EventFields item = items.get(i);
            vehicles.add(new VehicleInput(
                    fields.pathOf("vehicles") + "[" + i + "]",
                    read(() -> item.optionalString("plate")),
                    read(() -> item.optionalString("model"))));
        }
        return List.copyOf(vehicles);
    }

    private static <T> Input<T> read(Supplier<Optional<T>> reader) {
        try {
            return reader.get().<Input<T>>map(Input::given).orElseGet(Input::missing);
        } catch (InvalidInputException e) {
            return new Input.Malformed<>(Reason.of(e));
        }
    }
}
