# Build targets for `sam build` (BuildMethod: makefile, ContextPath/WorkingDirectory: the repository root).
# SAM's own Maven builder cannot build a module of a reactor with a parent POM, so each function's zip is built
# by the Maven wrapper (functions/<module>/target/<module>.zip: classes at the root, jars in lib/) and unpacked
# into the function's SAM artifacts directory. Make rebuilds a zip only when a source or POM changed.

SHELL := /bin/bash
MVN := ./mvnw -B -q
SHARED_SOURCES := pom.xml functions/pom.xml functions/lambda-zip.xml $(shell find shared-lib/pom.xml shared-lib/src/main -type f 2>/dev/null)

MODULES := validate-customer create-contract process-payment activate-service approval-request approval-reminder approval-callback video-recording
# The approval functions also build from the library they share, and every business function but process-payment
# from the contract request's library.
APPROVAL_CORE_SOURCES := functions/approval-core/pom.xml $(shell find functions/approval-core/src/main -type f 2>/dev/null)
CONTRACT_REQUEST_SOURCES := functions/contract-request/pom.xml $(shell find functions/contract-request/src/main -type f 2>/dev/null)
CONTRACT_REQUEST_USERS := validate-customer create-contract activate-service approval-request approval-reminder approval-callback

define zip_rule
functions/$(1)/target/$(1).zip: $(SHARED_SOURCES) $(if $(filter approval-%,$(1)),$(APPROVAL_CORE_SOURCES)) $(if $(filter $(CONTRACT_REQUEST_USERS),$(1)),$(CONTRACT_REQUEST_SOURCES)) functions/$(1)/pom.xml $(shell find functions/$(1)/src/main -type f 2>/dev/null)
	$(MVN) -pl functions/$(1) -am package -DskipTests
endef
$(foreach module,$(MODULES),$(eval $(call zip_rule,$(module))))

define unpack
	rm -rf "$(ARTIFACTS_DIR)" && mkdir -p "$(ARTIFACTS_DIR)"
	cd "$(ARTIFACTS_DIR)" && unzip -q -o "$(CURDIR)/$(1)"
endef

build-ValidateCustomerFunction: functions/validate-customer/target/validate-customer.zip
	$(call unpack,$<)

build-CreateContractFunction: functions/create-contract/target/create-contract.zip
	$(call unpack,$<)

build-ProcessPaymentFunction: functions/process-payment/target/process-payment.zip
	$(call unpack,$<)

build-ActivateServiceFunction: functions/activate-service/target/activate-service.zip
	$(call unpack,$<)

build-ApprovalRequestFunction: functions/approval-request/target/approval-request.zip
	$(call unpack,$<)

build-ApprovalReminderFunction: functions/approval-reminder/target/approval-reminder.zip
	$(call unpack,$<)

build-ApprovalCallbackFunction: functions/approval-callback/target/approval-callback.zip
	$(call unpack,$<)

build-VideoRecordingFunction: functions/video-recording/target/video-recording.zip
	$(call unpack,$<)

.PHONY: build-ValidateCustomerFunction build-CreateContractFunction build-ProcessPaymentFunction \
	build-ActivateServiceFunction build-ApprovalRequestFunction build-ApprovalReminderFunction \
	build-ApprovalCallbackFunction build-VideoRecordingFunction
