"""SOAP client built by python3-zeep from the WSDL the running app serves (GeneratedClientTests).

Usage: python3 zeep_client.py WSDL_URL < credentials.json
Runs the three operations, NO_ENCONTRADO and every refusal code, and checks that every value reads with
the type and meaning the server gave it. Exits non-zero on the first mismatch.
"""
import datetime
import json
import sys

from zeep import Client, Settings
from zeep.exceptions import Fault
from zeep.wsse.username import UsernameToken

NS = "{http://consulta.segip.gob.bo/servicio/v1}"
FINALIDAD = "Prueba de conformidad del cliente zeep"
BIRTH = datetime.date(1985, 3, 14)

wsdl, creds = sys.argv[1], json.load(sys.stdin)
client = Client(wsdl, settings=Settings(strict=True))
service = client.service
error_element = client.get_element(NS + "error")


def check(condition, what):
    if not condition:
        raise AssertionError("zeep no leyó lo que el servidor envió: " + what)


def as_user(user, password):
    client.wsse = UsernameToken(user, password)


def refused(code, operation, audited=False, retry=False, **params):
    try:
        getattr(service, operation)(**params)
    except Fault as fault:
        check(str(fault.code).endswith("Client." + code), f"{code}: faultcode {fault.code}")
        detail = error_element.parse(fault.detail[0], client.wsdl.types)
        check(detail.codigo == code and detail.mensaje and detail.correlationId, f"{code}: detalle {detail}")
        check(not audited or detail.consultaId, f"{code}: consultaId")
        check(not retry or (isinstance(detail.reintentarEnSegundos, int) and detail.reintentarEnSegundos > 0), f"{code}: reintentarEnSegundos")
        return detail
    raise AssertionError("se esperaba el fault " + code)


def document(end_user, number="1234567", **extra):
    return dict(codigoUsuarioFinal=end_user, tipoDocumento="CI", numeroDocumento=number, finalidad=FINALIDAD, **extra)


as_user(creds["bankId"], creds["bankSecret"])
found = service.ConsultarDocumento(**document("U-1"))
check(found.resultado == "ENCONTRADO", "ENCONTRADO")
check(found.persona.nombres == "JUAN CARLOS" and found.persona.fechaNacimiento == BIRTH, "persona tipada")
check(found.persona.apellidoCasada is None and found.persona.sexo is None, "campo nil y campo fuera del nivel")
check(found.documento.tipo == "CI" and found.documento.numero == "1234567" and found.documento.estado == "VIGENTE", "documento")
check("nombres" in found.camposDevueltos.campo and isinstance(found.fechaHora, datetime.datetime), "camposDevueltos y fechaHora")

missing = service.ConsultarDocumento(**document("U-1", "9999999991"))
check(missing.resultado == "NO_ENCONTRADO" and missing.persona is None and missing.documento is None, "NO_ENCONTRADO")

verification = service.Contrastar(codigoUsuarioFinal="U-1", tipoDocumento="CI", numeroDocumento="1234567", nombres="Juan Carlos",
                                  primerApellido="Gomez", fechaNacimiento=BIRTH, finalidad=FINALIDAD)
matches = {m.campo: m._value_1 for m in verification.coincidencias.coincidencia}
check(matches == {"nombres": True, "primerApellido": False, "fechaNacimiento": True}, f"coincidencias {matches}")
check(verification.estadoDocumento == "VIGENTE", "estadoDocumento")
not_found = service.Contrastar(codigoUsuarioFinal="U-1", tipoDocumento="CI", numeroDocumento="9999999991", nombres="Juan", finalidad=FINALIDAD)
check(not_found.resultado == "NO_ENCONTRADO" and not_found.coincidencias is None, "contrastación NO_ENCONTRADO")

invalid = refused("SOLICITUD_INVALIDA", "ConsultarDocumento", codigoUsuarioFinal="U-1", tipoDocumento="CI", numeroDocumento="12AB", finalidad="x")
fields = {e.campo for e in invalid.errores.errorCampo}
check({"numeroDocumento", "finalidad"} <= fields, f"errores por campo {fields}")
no_end_user = refused("SOLICITUD_INVALIDA", "ConsultarDocumento", **document(""))
check([e.campo for e in no_end_user.errores.errorCampo] == ["codigoUsuarioFinal"], "codigoUsuarioFinal vacío")
refused("OPERACION_NO_PERMITIDA", "ConsultarPorNombre", audited=True, codigoUsuarioFinal="U-1", nombres="Juan", primerApellido="Perez",
        fechaNacimiento=BIRTH, finalidad=FINALIDAD)

as_user("demo-tse", "Demo-Tse-2026")
by_name = service.ConsultarPorNombre(codigoUsuarioFinal="TSE-001", nombres="Juan Carlos", primerApellido="Perez", fechaNacimiento=BIRTH,
                                     finalidad=FINALIDAD, referenciaConsentimiento="CONS-1")
person = by_name.personas.persona[0]
check(len(by_name.personas.persona) == 1 and person.segundoApellido == "MAMANI" and person.fallecido is False, "persona por nombre")
check(person.documento.numero == "1234567" and isinstance(person.documento.fechaEmision, datetime.date), "documento de la persona")
nobody = service.ConsultarPorNombre(codigoUsuarioFinal="TSE-001", nombres="Nadie", primerApellido="Inexistente", fechaNacimiento=BIRTH,
                                    finalidad=FINALIDAD, referenciaConsentimiento="CONS-1")
# An empty <personas/> reads as None in zeep (a sequence of optional elements with none present).
check(nobody.resultado == "NO_ENCONTRADO" and (nobody.personas is None or not nobody.personas.persona), "nombre NO_ENCONTRADO")
refused("CONSENTIMIENTO_REQUERIDO", "ConsultarDocumento", audited=True, **document("TSE-001"))

as_user(creds["bankId"], "incorrecta")
refused("CREDENCIAL_INVALIDA", "ConsultarDocumento", **document("U-1"))
as_user("demo-banco", "Demo-Banco-2026")
refused("USUARIO_FINAL_NO_HABILITADO", "ConsultarDocumento", audited=True, **document("BD-002"))
as_user("demo-vencido", "Demo-Vencido-2026")
refused("CONVENIO_NO_VIGENTE", "ConsultarDocumento", audited=True, **document("VEN-001"))
as_user(creds["webOnlyId"], creds["webOnlySecret"])
refused("CANAL_NO_PERMITIDO", "ConsultarDocumento", audited=True, **document("U-1"))
as_user(creds["ipId"], creds["ipSecret"])
refused("IP_NO_PERMITIDA", "ConsultarDocumento", audited=True, **document("U-1"))
as_user(creds["quotaId"], creds["quotaSecret"])
service.ConsultarDocumento(**document("U-1"))
refused("CUOTA_AGOTADA", "ConsultarDocumento", audited=True, retry=True, **document("U-1"))
as_user(creds["limitedId"], creds["limitedSecret"])
for _ in range(int(creds["permitLimit"])):
    service.ConsultarDocumento(**document("U-1"))
refused("LIMITE_DE_FRECUENCIA", "ConsultarDocumento", audited=True, retry=True, **document("U-1"))

print("escenario completo")
