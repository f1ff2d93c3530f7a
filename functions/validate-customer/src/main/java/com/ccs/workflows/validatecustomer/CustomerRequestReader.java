package com.ccs.workflows.validatecustomer;

import com.ccs.workflows.errors.InvalidInputException;
import com.ccs.workflows.shared.event.EventFields;
import com.ccs.workflows.validatecustomer.CustomerRequest.CompanyInfo;
import com.ccs.workflows.validatecustomer.CustomerRequest.VehicleInput;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads the event Lambda deserialised into a {@link CustomerRequest}. Only an event that is not a JSON object at
 * all is rejected ({@link InvalidInputException}); a field of the wrong type becomes {@link Input.Malformed} so
 * the validator can answer {@code valid: false} with every problem at once.
 */
public final class CustomerRequestReader {

    private CustomerRequestReader() {
    }

    public static CustomerRequest read(Object event) {
        EventFields fields = EventFields.of(event);
        return new CustomerRequest(
                read(() -> fields.optionalString("execution_id")),
                read(() -> fields.optionalString("customer_id")),
                read(() -> fields.optionalString("document_type")),
                read(() -> fields.optionalString("document_id")),
                read(() -> fields.optionalObject("company_info").map(CustomerRequestReader::companyInfo)),
                read(() -> fields.optionalLong("number_of_vehicles")),
                read(() -> fields.optionalString("contract_type")),
                read(() -> fields.optionalLong("estimated_value")),
                read(() -> fields.optionalString("payment_method")),
                read(() -> Optional.of(vehicles(fields))),
                read(() -> fields.optionalString("stripe_customer_id")),
                read(() -> fields.optionalString("payment_method_id")));
    }

    private static CompanyInfo companyInfo(EventFields company) {
        return new CompanyInfo(
                read(() -> company.optionalString("name")),
                read(() -> company.optionalString("tax_id")));
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
