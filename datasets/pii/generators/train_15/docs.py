from lib import *
B=[]
def b(f): B.append(f); return f
def P(f,l): return T("PERSON", f"{f} {l}")
def civ(s): return "M." if s=="M" else "Mme"

@b
def attestation_cpam():
    s,f,l=person(); n,info=nir(sex=s); st=R.choice(["std","compact","ocr","dots"])
    adr=address("\n")
    return "attestation", f"""ASSURANCE MALADIE — CPAM {R.choice(['de Seine-Saint-Denis','du Rhône','de la Corse-du-Sud','de La Réunion','du Finistère'])}
ATTESTATION DE DROITS À L'ASSURANCE MALADIE
Édition du {R.randint(1,28):02d}/{R.randint(1,12):02d}/2024 — réf. document ATT-{R.randint(100000,999999)}

Assuré(e) : {civ(s).upper()} {T('PERSON', l.upper()+' '+f)}
Né(e) le : {T('DATE_OF_BIRTH', dob_from(info))}
N° d'immatriculation : {T('NIR', fmt_nir(n, st))}
Adresse : {T('ADDRESS', adr)}

Bénéficiaire(s) rattaché(s) :
{T('PERSON', R.choice(FIRST_F+FIRST_M)+' '+l.upper())} — né(e) le {T('DATE_OF_BIRTH', f"{R.randint(1,28):02d}/{R.randint(1,12):02d}/{R.randint(2008,2020)}")} — qualité : enfant
Droits ouverts du 01/01/2024 au 31/12/2024. Organisme : {R.randint(100,999)} {R.randint(1000,9999)}
Pour toute question : 3646 (service gratuit + prix appel).
"""

@b
def carte_vitale_scan():
    s,f,l=person(); n,info=nir(sex=s); st=R.choice(["ocr","ocr_compact","boxes"])
    return "scan_ocr", f"""[Pièce jointe : scan_carte_vitale_{R.randint(1,40)}.jpg — texte extrait par OCR]
carte Vitale
{T('PERSON', f.upper())}
{T('PERSON', l.upper())}
{T('NIR', fmt_nir(n, st))}
émise le {R.randint(1,28):02d}/{R.randint(1,12):02d}/20{R.randint(12,23)}
n° série {R.randint(10000000,99999999)}
--- fin OCR ---
Agent instructeur : merci de ressaisir le n° ci-dessus dans le dossier CCAS-{R.randint(2023,2024)}-{R.randint(1000,9999)} de {T('PERSON', f+' '+l)}."""

@b
def formulaire_boxes():
    s,f,l=person(); n,info=nir(sex=s); d=dob_from(info)
    dd,mm,yy=d.split("/")
    t=R.choice(["boxes","boxes_missing","boxes_double"])
    ph=phone("boxes")
    return "formulaire", f"""FORMULAIRE D'INSCRIPTION — RESTAURATION SCOLAIRE ET ACCUEIL PÉRISCOLAIRE {R.choice(['2024-2025','2025-2026'])}
Dossier n° PERI-{R.randint(10000,99999)} (à rappeler dans toute correspondance)

RESPONSABLE LÉGAL 1
Nom : {T('PERSON', ' '.join(l.upper()))}
Prénom : {T('PERSON', f)}
Date de naissance : {T('DATE_OF_BIRTH', ' '.join(dd)+' / '+' '.join(mm)+' / '+' '.join(yy))}
N° de sécurité sociale : {T('NIR', fmt_nir(n,t))}
Téléphone portable : {T('PHONE', ph)}
Courriel : {T('EMAIL', email(f,l))}
Adresse : {T('ADDRESS', address())}

ENFANT
Nom, prénom : {T('PERSON', l.upper()+' '+R.choice(FIRST_M+FIRST_F))}   Classe : CE{R.randint(1,2)}
Allergies / PAI : {T('HEALTH', R.choice(['allergie à l’arachide','asthme','diabète de type 1','allergie aux œufs']))}
Caisse d'allocations familiales, n° allocataire : {R.randint(1000000,9999999)}
"""

@b
def dossier_ccas():
    s,f,l=person(); n,info=nir(sex=s, dept=R.choice(["99","99","2B","974"])); i=iban()
    s2,f2,l2=person("F" if s=="M" else "M"); n2,info2=nir(sex=s2)
    pays = COUNTRIES.get(info['com'], "")
    lieu = f"{pays}" if info['dept']=="99" else ("Bastia" if info['dept']=="2B" else "Saint-Pierre (La Réunion)")
    return "dossier_ccas", f"""CCAS DE LA VILLE — DEMANDE D'AIDE FACULTATIVE
Instructeur : {P(R.choice(FIRST_F),R.choice(LAST))}, conseillère sociale — accueil CCAS 01 41 {R.randint(10,99)} 00 00
Référence dossier : AF/{R.randint(2023,2024)}/{R.randint(100,999)}

Demandeur : {civ(s)} {P(f,l.upper())}, né(e) le {T('DATE_OF_BIRTH', dob_from(info))} à {lieu}
NIR : {T('NIR', fmt_nir(n, R.choice(['std','key_cle','g3'])))}
Conjoint(e) : {P(f2,l2)} — NIR {T('NIR', fmt_nir(n2, R.choice(['std','compact','key_slash'])))}
Domicile : {T('ADDRESS', address())}
Tél. : {T('PHONE', phone())} / {T('PHONE', foreign_phone())} (famille)
Situation : {R.choice(['perte d’emploi','séparation récente','retard de loyer'])}, {T('HEALTH', R.choice(['invalidité de catégorie 2','reconnaissance RQTH en cours','hospitalisation prolongée']))} du demandeur.
Coordonnées bancaires pour versement : IBAN {T('IBAN', fmt_iban(i, R.choice(['std','compact','rib'])))} — BIC {R.choice(['BNPAFRPPXXX','CEPAFRPP751','AGRIFRPP882'])}
Avis de la commission du {R.randint(1,28)} {R.choice(MONTHS)} : accord 350 € (délibération n° {R.randint(2023,2024)}-{R.randint(10,99)}).
"""

@b
def accident_declaration():
    s,f,l=person(); n,info=nir(sex=s); m=matricule()
    sw,fw,lw=person()
    return "declaration_accident", f"""DÉCLARATION D'ACCIDENT DE SERVICE / DE TRAJET — agent titulaire CNRACL
Collectivité : Communauté d'agglomération — SIRET {siret()}
Victime : {P(l.upper(),f)}   Matricule : {T('AGENT_ID', m)}
N° sécurité sociale : {T('NIR', fmt_nir(n, R.choice(['key_cle','key_dash','std','nokey'])))}
Date de naissance : {T('DATE_OF_BIRTH', dob_from(info,'.'))}
Grade : adjoint technique principal de 2e classe — Service : voirie
Date et heure : {R.randint(1,28):02d}/0{R.randint(1,9)}/2024 à 10 h 15
Nature : {T('HEALTH', 'accident de service')}
Circonstances : en déchargeant des barrières, l'agent a glissé sur la chaussée mouillée.
Siège des lésions : {T('HEALTH', R.choice(['entorse du genou droit','fracture du poignet gauche','lombalgie aiguë','plaie à la main droite avec section tendineuse']))}
Témoin : {P(fw,lw)}, {T('PHONE', phone())}
Certificat médical initial joint (Dr {P(R.choice(FIRST_F+FIRST_M),R.choice(LAST))}). N° de déclaration interne : AT-{R.randint(2024,2024)}-{R.randint(10,99)}
"""

@b
def bulletin_paie():
    s,f,l=person(); n,info=nir(sex=s); m=matricule(); i=iban()
    return "bulletin_paie", f"""BULLETIN DE PAIE — {R.choice(MONTHS).upper()} 2024
Employeur : COMMUNE DE {R.choice(['SAINT-ÉTIENNE-DU-ROUVRAY','PORTO-VECCHIO','LE PORT','QUIMPERLÉ','VILLEURBANNE'])} — SIRET {siret_c()} — APE 8411Z
Agent : {civ(s)} {P(l.upper(), f)}
{T('ADDRESS', address(chr(10)))}
Matricule {T('AGENT_ID', m)}   N° SS {T('NIR', fmt_nir(n, R.choice(['compact','std','g4','nokey_compact'])))}   Grade : rédacteur   Échelon 6   IB 512 / IM 447
Traitement brut indiciaire ......... 2 183,40
NBI 15 points ....................... 73,27
Retenue {T('HEALTH', 'congé de maladie ordinaire')} (1 jour de carence) ..... -72,78
CSG déductible ...................... -138,64
NET À PAYER ........................ 1 842,16
Virement sur : {T('IBAN', fmt_iban(i, R.choice(['std','compact','dashes'])))}
"""

@b
def export_rh_csv():
    rows=[]; hdr="matricule;nom;prenom;date_naissance;nir;cle;tel;service"
    for _ in range(R.randint(5,7)):
        s,f,l=person(); n,info=nir(sex=s)
        d=f"{info['year']}-{info['month']:02d}-{R.randint(1,28):02d}"
        rows.append(";".join([T('AGENT_ID',matricule()),T('PERSON',l.upper()),T('PERSON',f),T('DATE_OF_BIRTH',d),T('NIR',n[:13]),T('NIR',n[13:]),T('PHONE',phone('compact')),R.choice(['ST','CTM','RH','EJE','CCAS','POLICE MUN'])]))
    return "export_csv", f"""De : {P(R.choice(FIRST_F),R.choice(LAST))} <drh@agglo-exemple.fr>
Objet : export agents — contrôle DSN
Ci-dessous l'extrait brut (le fichier complet est sur le partage RH, référence export EXP-{R.randint(1000,9999)}).

{hdr}
""" + "\n".join(rows) + "\n"

@b
def export_rh_table():
    lines=["| Matricule | Agent | N° INSEE | Né(e) le | Contrat |","|---|---|---|---|---|"]
    for _ in range(R.randint(4,6)):
        s,f,l=person(); n,info=nir(sex=s)
        lines.append(f"| {T('AGENT_ID',matricule())} | {T('PERSON',l.upper()+' '+f)} | {T('NIR',fmt_nir(n,R.choice(['std','compact','g3','dots','ocr'])))} | {T('DATE_OF_BIRTH',dob_from(info))} | {R.choice(['CDD art. 3-1','titulaire','stagiaire','vacataire'])} |")
    return "tableau_rh", "État des saisonniers — piscine municipale, été 2024 (document de travail, ne pas diffuser)\n\n" + "\n".join(lines) + f"\n\nArrêté collectif n° A-{R.randint(2024,2024)}-{R.randint(100,999)} — pièces transmises au CDG le {R.randint(1,28)} juin.\n"

@b
def appel_transcription():
    s,f,l=person(); n,info=nir(sex=s); ag=person()
    words = nir_words(n) if R.random()<0.5 else nir_digitwise(n)
    ph=phone('words')
    return "transcription_appel", f"""[Transcription automatique — appel entrant ligne accueil CCAS 05 56 {R.randint(10,99)} 12 00 — durée 04:12]
AGENT ({T('PERSON',ag[1])}) : CCAS bonjour, je vous écoute.
USAGER : Oui bonjour, c'est {civ(s).replace('M.','monsieur').replace('Mme','madame')} {T('PERSON',l)}, {T('PERSON',f+' '+l)}, j'avais déposé un dossier pour l'aide au chauffage.
AGENT : Très bien, vous avez votre numéro de sécurité sociale ?
USAGER : Attendez… alors c'est {T('NIR',words)}.
AGENT : Je répète : {T('NIR',fmt_nir(n,'std'))}, c'est bien ça ?
USAGER : Oui. Et je suis né le {T('DATE_OF_BIRTH', f"{R.randint(2,28)} {MONTHS[info['month']-1]} {info['year']}")}.
AGENT : Un numéro pour vous rappeler ?
USAGER : {T('PHONE',ph)}.
AGENT : Parfait, votre dossier AC-{R.randint(100,999)} est complet, la commission se réunit le 14.
"""

@b
def chat_split():
    s,f,l=person(); n,info=nir(sex=s); a=person(); FF=T('PERSON',f); h0=R.randint(8,16); m0=R.randint(0,20)
    tm=lambda k: f"{h0}:{m0+k*2+R.randint(0,1):02d}"
    cut=R.choice([5,7,10])
    p1=fmt_nir(n,'compact')[:cut]; p2=fmt_nir(n,'compact')[cut:]
    i=iban(); ii=fmt_iban(i,'std'); k=R.choice([14,19,24])
    return "chat", f"""[Messagerie instantanée — portail usagers]
{tm(1)} {FF} : bonjour je dois mettre mon numero de secu pour la cantine mais le champ bug
{tm(2)} Conseiller {T('PERSON',a[1])} : Bonjour, pouvez-vous me l'indiquer ici ? je le saisirai pour vous
{tm(3)} {FF} : {T('NIR',p1)}
{tm(4)} {FF} : {T('NIR',p2)} pardon ça est parti tout seul
{tm(5)} Conseiller {T('PERSON',a[1])} : Merci {T('PERSON',f)}. Et le RIB pour le prélèvement ?
{tm(6)} {FF} : {T('IBAN',ii[:k].strip())}
{tm(7)} {FF} : {T('IBAN',ii[k:].strip())}
{tm(8)} Conseiller {T('PERSON',a[1])} : C'est noté, votre ticket est le n° {R.randint(100000,999999)}. Bonne journée.
"""
# note: the header uses first name f as speaker label; tag it too

@b
def email_agent():
    s,f,l=person(); n,info=nir(sex=s); m=matricule(); g=person("F")
    return "email", f"""De : {P(f,l)} <{T('EMAIL',email(f,l,'ville-exemple.fr'))}>
À : paie@ville-exemple.fr
Cc : {P(g[1],g[2])} <{T('EMAIL',email(g[1],g[2],'ville-exemple.fr'))}>
Objet : Re: régularisation IJ — matricule {T('AGENT_ID',m)}

Bonjour,

Suite à votre message, voici mon numéro de sécu complet, l'ancien était mal saisi dans le logiciel :
{T('NIR',fmt_nir(n,R.choice(['key_slash','key_cle','key_dash'])))}
(sur l'ancienne fiche il manquait le dernier chiffre du n° d'ordre).
Pour info j'étais en {T('HEALTH','arrêt maladie')} du 3 au 21 du mois dernier, la CPAM me dit que l'attestation de salaire n'est pas arrivée.

Vous pouvez me joindre sur mon portable perso au {T('PHONE',phone(R.choice(['sp','dot','intl3']),mobile=True))} plutôt que sur le poste 4{R.randint(100,999)}.

Cordialement,
{T('PERSON',f+' '+l.upper())}
Agent d'entretien — Groupe scolaire Jules Ferry
"""

@b
def ai_prompt_reformule():
    s,f,l=person(); n,info=nir(sex=s); i=iban()
    return "prompt_ia", f"""Peux-tu reformuler ce courrier en plus poli et corriger les fautes ? Garde toutes les infos.

---
Madame, Monsieur,
je soussigné {T('PERSON',f+' '+l)} domicilié {T('ADDRESS',address())}, numéro de securité sociale {T('NIR',fmt_nir(n,R.choice(['std','g2','compact','dots'])))}, conteste le titre de recette n° {R.randint(2024,2024)}-TR-{R.randint(1000,9999)} pour la cantine de mon fils {T('PERSON',R.choice(FIRST_M))}.
J'ai deja payé par virement depuis mon compte {T('IBAN',fmt_iban(i,R.choice(['std','compact'])))} le {R.randint(1,28)}/0{R.randint(1,9)}.
Merci de me rappeler au {T('PHONE',phone())}.
{T('PERSON',l.upper()+' '+f)}
---
"""

@b
def ai_prompt_extract():
    rows=[]
    for _ in range(R.randint(3,5)):
        s,f,l=person(); n,info=nir(sex=s, dept=R.choice(DEPTS))
        rows.append(f"{T('PERSON',l.upper())} {T('PERSON',f)}, né(e) le {T('DATE_OF_BIRTH',dob_from(info))}, n° SS {T('NIR',fmt_nir(n,R.choice(['std','compact','ocr','g3','boxes'])))}, tél {T('PHONE',phone())}")
    return "prompt_ia", "Voici une liste copiée depuis un PDF scanné, les numéros sont mal reconnus. Fais-moi un tableau propre avec nom, prénom, date de naissance, numéro de sécurité sociale (corrige les O en 0) et téléphone. Ne touche pas au numéro de marché MAPA-2024-017.\n\n" + "\n".join(rows) + "\n\nMerci !\n"

@b
def mutuelle_attestation():
    s,f,l=person(); n,info=nir(sex=s); s2,f2,l2=person()
    n2,_=nir(sex=s2)
    return "attestation_mutuelle", f"""MUTUELLE DES TERRITOIRES — ATTESTATION DE TIERS PAYANT
Contrat collectif n° CT-{R.randint(10000,99999)} — employeur : Centre de gestion — SIRET {siret()}
Période de validité : 01/01/2025 – 31/12/2025

Adhérent : {T('PERSON',l.upper())} {T('PERSON',f)}
N° Sécurité sociale : {T('NIR',fmt_nir(n,'nokey_compact'))}    Clé : {T('NIR',n[13:])}
Date de naissance : {T('DATE_OF_BIRTH',dob_from(info))}

Bénéficiaires :
1. {T('PERSON',l2.upper()+' '+f2)} (conjoint) — NIR {T('NIR',fmt_nir(n2,R.choice(['std','g3'])))} — rang 1
2. {T('PERSON',l.upper()+' '+R.choice(FIRST_F+FIRST_M))} (enfant) — rattaché(e) à l'assuré(e) — rang 2

Codes télétransmission : PHAR / LABO / OPTI / DENT
Service adhérents : 09 69 {R.randint(10,99)} {R.randint(10,99)} {R.randint(10,99)} (appel non surtaxé)
"""

@b
def sms():
    s,f,l=person(); n,info=nir(sex=s)
    st=R.choice(['compact','g2','ocr_compact','std'])
    return "sms", f"""[SMS reçu sur le portable de service de la référente RSA]
Bjr madame c {T('PERSON',f)} {T('PERSON',l.lower())} pr le rdv de jeudi. vous m'aviez demander mon num secu c {T('NIR',fmt_nir(n,st))}
jsui né le {T('DATE_OF_BIRTH',dob_from(info).replace('/0','/'))} si besoin
mon nouveau num c le {T('PHONE',phone(R.choice(['compact','ocr','sp']),mobile=True))} l'ancien marche plus
merci bcp
"""

@b
def nir_wrapped():
    s,f,l=person('F'); n,info=nir(sex='M'); st=fmt_nir(n,'std'); parts=st.split(" "); dinfo=dict(year=R.randint(1960,1990),month=R.randint(1,12))
    k=R.randint(3,5); wrapped=" ".join(parts[:k])+"\n"+" ".join(parts[k:])
    return "courrier", f"""Objet : demande de capital décès — dossier de feu {T('PERSON',R.choice(FIRST_M)+' '+l)}

Madame la Présidente du CCAS,

Je soussignée {T('PERSON',f+' '+l)}, son épouse et ayant droit, demeurant {T('ADDRESS',address())}, vous transmets les pièces demandées. Le numéro d'immatriculation du défunt est le {T('NIR',wrapped)}
et ma date de naissance le {T('DATE_OF_BIRTH',dob_from(dinfo))}.

Je reste joignable au {T('PHONE',phone())} ou par courriel à {T('EMAIL',email(f,l))}.

Veuillez agréer, Madame la Présidente, mes salutations distinguées.
{T('PERSON',f+' '+l.upper())}
"""

@b
def corse_form():
    s,f,l=person(); d=R.choice(["2A","2B"]); n,info=nir(sex=s,dept=d)
    s2,f2,l2=person(); n2,info2=nir(sex=s2,dept=R.choice(["2A","2B"]))
    ln=R.choice(["Paoli","Santoni","Marchetti","Casanova","Filippi","Luciani","Mattei","Orsoni"])
    return "formulaire", f"""COLLECTIVITÉ DE CORSE — DEMANDE D'ALLOCATION PERSONNALISÉE D'AUTONOMIE (APA)
N° de dossier départemental : APA-{d}-{R.randint(10000,99999)}

Bénéficiaire : {T('PERSON',ln.upper())} {T('PERSON',f)}
Né(e) le {T('DATE_OF_BIRTH',dob_from(info))} à {'Ajaccio' if d=='2A' else 'Bastia'}
N° SS : {T('NIR',fmt_nir(n,R.choice(['std','compact','dots','boxes'])))}
Domicile : {T('ADDRESS',f"{R.randint(1,40)} {R.choice(['route de Bastia','cours Napoléon','rue Fesch','montée Saint-Jean'])}, {'20000 Ajaccio' if d=='2A' else '20200 Bastia'}")}
Situation médicale : {T('HEALTH',R.choice(['maladie d’Alzheimer','séquelles d’AVC','insuffisance cardiaque']))}, évaluation GIR 3.
Aidant : {T('PERSON',f2+' '+ln)} (enfant), NIR {T('NIR',fmt_nir(n2,R.choice(['std','key_cle'])))}, tél. {T('PHONE',phone())}
Médecin traitant : Dr {T('PERSON',R.choice(LAST))}
"""

@b
def outremer_form():
    s,f,l=person(); d=R.choice(["971","972","973","974","976"]); n,info=nir(sex=s,dept=d)
    ln=R.choice(["Hoarau","Payet","Grondin","Ramassamy","Jean-Louis","Sinnaswamy","Nativel","Fontaine"])
    return "dossier_ccas", f"""CCAS — fiche d'instruction domiciliation / aide alimentaire
Commune : {dict(zip(['971','972','973','974','976'],['Les Abymes','Schœlcher','Kourou','Saint-Paul','Mamoudzou']))[d]}
Usager : {T('PERSON',ln.upper()+' '+f)}
N° INSEE : {T('NIR',fmt_nir(n,R.choice(['std','compact','ocr','g3'])))}  (né(e) outre-mer, dépt {d})
Date de naissance : {T('DATE_OF_BIRTH',dob_from(info))}
Adresse de domiciliation : CCAS, guichet 2 (non personnelle)
Téléphone : {T('PHONE',f"0{'262' if d=='974' else '590' if d=='971' else '596' if d=='972' else '594' if d=='973' else '269'} {R.randint(10,99)} {R.randint(10,99)} {R.randint(10,99)}".replace('0262','06 92').replace('0590','06 90').replace('0596','06 96').replace('0594','06 94').replace('0269','06 39'))}
Observations : {T('HEALTH',R.choice(['dialyse trois fois par semaine','diabète insulinodépendant','grossesse de 6 mois']))} ; orientation vers l'épicerie sociale.
Agent : {T('PERSON',R.choice(FIRST_F)+' '+R.choice(LAST))}
"""

@b
def born_abroad():
    s,f,l=person(); n,info=nir(sex=s,dept="99"); pays=COUNTRIES[info['com']]
    ln=R.choice(["Benali","Diallo","Traoré","Popescu","Yilmaz","Nguyen","Ferreira","Kowalski","El Amrani","Cissé","Çelik","Coulibaly"])
    st=R.choice(['std','compact','g3','dashes','key_cle'])
    return "email", f"""Objet : dossier de recrutement — contractuel animateur

Bonjour {T('PERSON',R.choice(FIRST_F))},

Pour le dossier de {T('PERSON',f+' '+ln)} (né(e) à l'étranger — pays de naissance : {pays}), le n° de sécu définitif vient d'arriver : {T('NIR',fmt_nir(n,st))}.
L'ancien numéro provisoire (NIA) {T('NIR','7'+n[1:13])} n'est plus valable, pense à le remplacer dans le logiciel.
Sa date de naissance : {T('DATE_OF_BIRTH',dob_from(info))}. Téléphone : {T('PHONE',foreign_phone())} en attendant sa ligne française.

Merci,
{T('PERSON',R.choice(FIRST_M)+' '+R.choice(LAST))}
Service recrutement — poste 2{R.randint(100,999)}
"""

@b
def fiche_renseignements():
    s,f,l=person(); n,info=nir(sex=s); i=iban(); d=dob_from(info)
    ib=fmt_iban(i,'compact')
    return "formulaire", f"""FICHE DE RENSEIGNEMENTS — NOUVEL AGENT (à remplir en majuscules, un caractère par case)
NOM : {T('PERSON',' '.join(l.upper()))}
PRÉNOM : {T('PERSON',' '.join(f.upper()))}
NÉ(E) LE : {T('DATE_OF_BIRTH',' '.join(d.replace('/','')))}
N° SÉCURITÉ SOCIALE : {T('NIR',fmt_nir(n,R.choice(['boxes','boxes_missing','boxes'])))}
IBAN : {T('IBAN',' '.join(ib) if R.random()<0.5 else fmt_iban(i,'ocr'))}
TÉLÉPHONE : {T('PHONE',phone('boxes'))}
PERSONNE À PRÉVENIR : {T('PERSON',R.choice(FIRST_F+FIRST_M)+' '+R.choice(LAST))} — {T('PHONE',phone())}
Affectation : direction des sports — Matricule attribué : {T('AGENT_ID',matricule())}
RQTH : {T('HEALTH','oui, reconnue travailleuse handicapée (RQTH) jusqu’en 2027') if s=='F' and R.random()<0.5 else 'non'}
"""

@b
def concours_decoy():
    names=[person() for _ in range(3)]
    return "compte_rendu", f"""PROCÈS-VERBAL DU JURY — concours d'adjoint administratif principal de 2e classe, session 2024
Centre de gestion — arrêté d'ouverture n° {R.randint(2023,2024)}/CDG/{R.randint(100,999)}

Membres du jury : {P(names[0][1],names[0][2])} (présidente), {P(names[1][1],names[1][2])}, {P(names[2][1],names[2][2])}.
Candidats admis (numéros d'anonymat) : {', '.join(str(R.randint(10000,99999)) for _ in range(6))}.
Candidats ajournés : {', '.join(str(R.randint(10000,99999)) for _ in range(4))}.
Le numéro de la copie {R.randint(1000,9999)}-B a été réattribué suite à une erreur d'étiquetage.
Contact du service concours : 02 99 {R.randint(10,99)} 00 00 — concours@cdg-exemple.fr
Références de la liste d'aptitude : LA-2024-{R.randint(10,99)} ; SIRET du CDG {siret()}.
"""

@b
def facture_decoy():
    s,f,l=person()
    return "email", f"""Objet : facture n° F{R.randint(2024,2025)}-{R.randint(10000,99999)} — prestation nettoyage vitres
Bonjour,
Veuillez trouver ci-joint la facture n° F2024-{R.randint(10000,99999)} (bon de commande BC-{R.randint(1000,9999)}, engagement {R.randint(100000,999999)}).
SIRET : {siret_c()} — TVA intracommunautaire FR{R.randint(10,99)}{R.randint(100000000,999999999)} — code NAF 8122Z
Standard : 04 {R.randint(10,99)} {R.randint(10,99)} 00 00 — service comptabilité ouvert de 9 h à 12 h.
Le numéro de marché est le 2024-MAPA-{R.randint(10,99)} ; merci de le rappeler sur le mandat.
Votre interlocutrice : {P(f,l)}, ligne directe {T('PHONE',phone(mobile=False))}.
Cordialement
"""

@b
def arrete_as():
    s,f,l=person(); m=matricule(); n,info=nir(sex=s)
    return "arrete", f"""ARRÊTÉ N° {R.randint(2024,2024)}-RH-{R.randint(100,999)}
portant reconnaissance d'imputabilité au service d'un {T('HEALTH','accident de trajet')}
concernant {civ(s)} {T('PERSON',f+' '+l.upper())}

Le Maire,
Vu le code général de la fonction publique, notamment ses articles L. 822-18 et suivants ;
Vu la délibération n° {R.randint(2020,2024)}-{R.randint(10,99)} du conseil municipal ;
Vu la déclaration d'accident du {R.randint(1,28)} {R.choice(MONTHS)} 2024 ;
Considérant que {civ(s)} {T('PERSON',l.upper())}, matricule {T('AGENT_ID',m)}, N° INSEE {T('NIR',fmt_nir(n,'std'))}, a été victime d'un accident sur le trajet entre son domicile et son lieu de travail ;

ARRÊTE
Article 1 : L'accident est reconnu imputable au service. {T('HEALTH',R.choice(['Les lésions (contusion de l’épaule gauche)','La fracture de la cheville droite','Le traumatisme crânien léger']))} sont prises en charge au titre de l'article L. 822-21.
Article 2 : Ampliation sera adressée à l'intéressé(e) et au comptable public.
Fait à {R.choice(['Rennes','Nîmes','Tours'])}, le {R.randint(1,28)} {R.choice(MONTHS)} 2024. Le Maire, {T('PERSON',R.choice(FIRST_M+FIRST_F)+' '+R.choice(LAST).upper())}
"""

@b
def medecine_prev():
    s,f,l=person(); n,info=nir(sex=s); m=matricule()
    return "courrier", f"""SERVICE DE MÉDECINE PRÉVENTIVE — CONVOCATION
Réf. convocation MP-{R.randint(10000,99999)}

{civ(s)} {T('PERSON',f+' '+l)}
{T('ADDRESS',address(chr(10)))}

Agent de la commune — matricule {T('AGENT_ID',m)} — n° SS {T('NIR',fmt_nir(n,R.choice(['std','key_cle','nokey'])))}

Vous êtes convoqué(e) à une visite de reprise à l'issue de votre {T('HEALTH',R.choice(['congé de longue maladie','temps partiel thérapeutique','congé de longue durée']))} le {R.randint(1,28)} {R.choice(MONTHS)} à 9 h 30.
Merci d'apporter votre carte Vitale et les comptes rendus concernant votre {T('HEALTH',R.choice(['hernie discale','dépression','cancer du sein','syndrome du canal carpien']))}.
Pour reporter le rendez-vous : 02 40 {R.randint(10,99)} {R.randint(10,99)} 00 (secrétariat médical).
Dr {T('PERSON',R.choice(FIRST_F)+' '+R.choice(LAST))}, médecin du travail
"""

@b
def voicemail():
    s,f,l=person(); m=matricule()
    ph=phone('sp')
    digits=" ".join(UNITS[int(c)] for c in ph.replace(" ",""))
    n,info=nir(sex=s)
    return "transcription_appel", f"""Messagerie vocale — service RH — message du mardi 10 h 42 (transcription automatique)
« Oui bonjour c'est {T('PERSON',f)} {T('PERSON',l)} du service espaces verts, mon matricule c'est le {T('AGENT_ID',' '.join(m))}, je vous appelle parce que sur ma fiche de paie mon numéro de sécu est faux, le bon c'est {T('NIR',nir_digitwise(n))}, voilà. Vous pouvez me rappeler au {T('PHONE',digits)}, je répète {T('PHONE',ph)}. Merci, bonne journée. »
Durée 0:48 — numéro appelant masqué.
"""

@b
def mistyped():
    s,f,l=person(); n,info=nir(sex=s)
    bad=n[:13]+f"{(int(n[13:])+R.randint(1,9))%97:02d}"
    i=iban(); s2,f2,l2=person()
    return "email", f"""Objet : erreurs de saisie détectées par le contrôle DSN

Bonjour {T('PERSON',f2)},

Le contrôle a rejeté deux lignes :
- agent {T('PERSON',l.upper()+' '+f)} : NIR déclaré {T('NIR',fmt_nir(bad,'std'))} → clé incohérente (anomalie 0219). Le numéro sur la carte Vitale est {T('NIR',fmt_nir(n,'std'))}.
- même agent : IBAN saisi {T('IBAN',fmt_iban(i,'typo'))} refusé par la banque, le RIB papier indique {T('IBAN',fmt_iban(i,'std'))}.
Le rejet porte la référence DSN-{R.randint(100000,999999)}, à ne pas confondre avec le n° de lot {R.randint(1000,9999)}.

{T('PERSON',R.choice(FIRST_M)+' '+R.choice(LAST))}
Cellule paie — paie@ville-exemple.fr
"""

@b
def csv_mutuelle():
    rows=['"id_adherent","nom","prenom","nir","date_naiss","iban","telephone"']
    for k in range(R.randint(4,6)):
        s,f,l=person(); n,info=nir(sex=s)
        rows.append(f'"{R.randint(1000,9999)}","{T("PERSON",l)}","{T("PERSON",f)}","{T("NIR",fmt_nir(n,R.choice(["compact","std","dashes"])))}","{T("DATE_OF_BIRTH",dob_from(info))}","{T("IBAN",fmt_iban(iban(),"compact"))}","{T("PHONE",phone(R.choice(["compact","intl","dot"])))}"')
    return "export_csv", "Export adhésions mutuelle labellisée — campagne participation employeur (fichier adhesions_2025.csv, 1re colonne = numéro de ligne interne, non nominatif)\n\n" + "\n".join(rows) + "\n"

@b
def teams_chat():
    s,f,l=person(); n,info=nir(sex=s); a=person(); c=person()
    st=fmt_nir(n,'std'); parts=st.split(" "); k=R.randint(2,5)
    A=T('PERSON',a[1]+' '+a[2]); C=T('PERSON',c[1]+' '+c[2])
    return "chat", f"""[Teams — conversation privée]
{A} 14:02
tu aurais le n° sécu de {T('PERSON',f+' '+l)} ? le logiciel carrière me demande la clé
{C} 14:05
oui attends je regarde dans le dossier papier
{C} 14:06
{T('NIR',' '.join(parts[:k])+chr(10)+' '.join(parts[k:]))}
{C} 14:06
la clé c'est bien {T('NIR',n[13:])}, j'ai vérifié sur l'attestation
{A} 14:07
top merci. Et son portable ? il est en {T('HEALTH','arrêt')} je dois l'appeler pour le certificat
{C} 14:09
{T('PHONE',phone(mobile=True))} mais il répond pas souvent, sinon sa femme {T('PERSON',R.choice(FIRST_F))} au {T('PHONE',phone())}
"""

@b
def attestation_salaire_ij():
    s,f,l=person(); n,info=nir(sex=s); m=matricule()
    return "attestation", f"""ATTESTATION DE SALAIRE POUR LE PAIEMENT DES INDEMNITÉS JOURNALIÈRES (agent contractuel — régime général)
Employeur : Syndicat intercommunal des eaux — SIRET {siret()} — n° d'employeur URSSAF {R.randint(100000000000,999999999999)}
Salarié : {T('PERSON',l.upper())}   Prénom : {T('PERSON',f)}
N° d'immatriculation : {T('NIR',fmt_nir(n,R.choice(['g2','std','boxes'])))}
Matricule paie : {T('AGENT_ID',m)}
Motif de l'arrêt : {T('HEALTH',R.choice(['maladie','accident du travail']+(['maternité'] if s=='F' else [])))}   Date du dernier jour travaillé : {R.randint(1,28):02d}/0{R.randint(1,9)}/2024
Salaires des 3 mois précédant l'arrêt : 1 912,00 / 1 912,00 / 1 987,55
Personne à contacter chez l'employeur : {T('PERSON',R.choice(FIRST_F)+' '+R.choice(LAST))}, gestionnaire paie, {T('PHONE',phone(mobile=False))} (ligne directe)
"""

@b
def verif_ai():
    lines=[]
    for k in range(R.randint(5,7)):
        s,f,l=person(); n,info=nir(sex=s)
        if R.random()<0.25: n=n[:13]+f"{(int(n[13:])+3)%97:02d}"
        lines.append(f"- {T('PERSON',f[0]+'. '+l)} : {T('NIR',fmt_nir(n,R.choice(['std','compact','dots','dashes','ocr','key_cle','key_slash','g3','g4'])))}")
    return "prompt_ia", "Salut, tu peux vérifier pour chaque agent si la clé du numéro de sécu est correcte (97 moins le reste de la division par 97) ? Je colle la liste extraite du fichier carrière :\n" + "\n".join(lines) + f"\nNe vérifie pas le n° SIRET de la collectivité ({siret_c()}), c'est juste pour info.\n"

@b
def note_frais():
    s,f,l=person(); i=iban(); m=matricule()
    return "formulaire", f"""ÉTAT DE FRAIS DE DÉPLACEMENT — formation CNFPT
Agent : {T('PERSON',f+' '+l)} — matricule {T('AGENT_ID',m)}
Résidence administrative : Hôtel de ville (non personnelle). Résidence familiale : {T('POSTCODE_CITY',city())}
Trajets : 3 × 84 km — indemnités kilométriques 5 CV
Repas : 4 × 20,00 €
RIB de l'agent (nouveau compte) : {T('IBAN',fmt_iban(iban(),R.choice(['rib','std','ocr'])))}
N° de session CNFPT : {R.randint(10000,99999)}-{R.randint(100,999)} ; n° de mandat : {R.randint(1000,9999)}
Visa du chef de service : {T('PERSON',R.choice(FIRST_F+FIRST_M)[0]+'. '+R.choice(LAST))}
"""

@b
def astreinte():
    rows=[]
    for d in ["Lundi","Mardi","Mercredi","Jeudi","Vendredi"]:
        s,f,l=person()
        rows.append(f"{d:<9} {T('PERSON',f+' '+l.upper())}  {T('PHONE',phone(R.choice(['sp','dot','compact','intl'])))}")
    return "tableau_rh", f"""PLANNING D'ASTREINTE — SERVICES TECHNIQUES — semaine {R.randint(1,52)}
Numéro unique d'astreinte (à donner au public) : 06 {R.randint(10,99)} 00 00 00 — standard mairie 03 {R.randint(10,99)} {R.randint(10,99)} 00 00
Portables personnels (usage interne uniquement) :
""" + "\n".join(rows) + f"""
Cadre d'astreinte : {T('PERSON',R.choice(FIRST_M)+' '+R.choice(LAST))} — via le numéro unique. Note de service n° NS-{R.randint(2024,2024)}-{R.randint(10,99)}.
"""

@b
def rsa_dossier():
    s,f,l=person(); n,info=nir(sex=s); s2,f2,l2=person(); n2,info2=nir(sex=s2)
    return "dossier_ccas", f"""DÉPARTEMENT — CONTRAT D'ENGAGEMENTS RÉCIPROQUES (RSA)
N° de dossier : CER-{R.randint(100000,999999)}
Allocataire : {T('PERSON',f+' '+l.upper())}, né(e) le {T('DATE_OF_BIRTH',dob_from(info))}
NIR : {T('NIR',fmt_nir(n,R.choice(['std','ocr','g3','key_cle'])))}
Conjoint(e) : {T('PERSON',f2+' '+l2.upper())}, né(e) le {T('DATE_OF_BIRTH',dob_from(info2))}, NIR {T('NIR',fmt_nir(n2,R.choice(['compact','std','nokey'])))}
Adresse : {T('ADDRESS',address())}
Tél. : {T('PHONE',phone())} — courriel : {T('EMAIL',email(f,l))}
Freins identifiés : mobilité, {T('HEALTH',R.choice(['troubles anxieux','lombalgie chronique','addiction à l’alcool en cours de soins']))}.
Référent(e) : {T('PERSON',R.choice(FIRST_F)+' '+R.choice(LAST))}, travailleur social — 03 {R.randint(10,99)} {R.randint(10,99)} 40 00 (accueil MDS)
"""
