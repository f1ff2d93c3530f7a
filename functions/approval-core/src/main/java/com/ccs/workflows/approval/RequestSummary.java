package com.ccs.workflows.approval;

import com.ccs.workflows.contract.ContractRequest;
import com.ccs.workflows.contract.IdMasking;
import java.util.List;

/**
 * What the manager needs to see to decide; copied from the contract request. The document number is the holder's
 * (a company's NIT, a person's cedula): it is shown to the manager on the page behind the signed link and in the
 * message, never logged.
 *
 * @param documentType the document's code ({@code RUT}, {@code NIT}, {@code CC}, ...); null for an approval stored
 *                     before documents were part of the summary
 * @param plates       the plates known at signing (normalised, {@code ABC123}), at most {@code numberOfVehicles}
 */
public record RequestSummary(
        String customerId,
        String companyName,
        long numberOfVehicles,
        String contractType,
        long estimatedValue,
        String documentType,
        String documentId,
        List<String> plates) {

    public RequestSummary {
        plates = plates == null ? List.of() : List.copyOf(plates);
    }

    /** A summary without document or plates (an approval stored before they were part of it). */
    public RequestSummary(
            String customerId, String companyName, long numberOfVehicles, String contractType, long estimatedValue) {
        this(customerId, companyName, numberOfVehicles, contractType, estimatedValue, null, null, List.of());
    }

    /** The summary of a request read by the rules every business function shares. */
    public static RequestSummary of(ContractRequest request) {
        return new RequestSummary(
                request.customerId(),
                request.companyName(),
                request.numberOfVehicles(),
                request.contractType(),
                request.estimatedValue(),
                request.documentType().name(),
                request.documentId(),
                request.plates());
    }

    /** The document number masked, as everywhere a record may end up in a log line. */
    @Override
    public String toString() {
        return "RequestSummary[customerId=" + customerId + ", companyName=" + companyName + ", numberOfVehicles="
                + numberOfVehicles + ", contractType=" + contractType + ", estimatedValue=" + estimatedValue
                + ", documentType=" + documentType + ", documentId=" + IdMasking.mask(documentId) + ", plates=" + plates
                + "]";
    }
}
