import random
R = random.Random(15)
def T(l, t):
    t = t.strip(); assert t and '|' not in t and '[[' not in t and ']]' not in t, t
    return f"[[{l}|{t}]]"
FIRST_M = ["Karim","Mamadou","Thierry","Julien","Nguyen Van","Ahmed","Loïc","Yannick","Sébastien","Dimitri","Jean-Baptiste","Rachid","Ousmane","Grégory","Kevin","Mehdi","Antoine","Bogdan","Joaquim","Hugo","Serge","Idrissa","Florent","Tiago","Anh","Youssef","Pierre-Marie","Cédric","Malik","Arnaud","Wojciech","Hamid","Baptiste","Emre","Franck","Gaëtan"]
FIRST_F = ["Samira","Nathalie","Fatoumata","Céline","Aïcha","Maryvonne","Chloé","Linh","Sandrine","Ioana","Khadija","Élodie","Marie-Hélène","Yasmina","Léa","Soazig","Nadia","Graziella","Amina","Corinne","Mariam","Agnieszka","Hélène","Rokia","Sophie","Lætitia","Djamila","Anne-Sophie","Thi Hoa","Inès","Brigitte","Zeynep","Manon","Awa","Paola","Ghislaine"]
LAST = ["Benali","Diallo","Le Goff","Nguyen","Martin","Rakotomalala","Ferreira","Kowalski","Haddad","Traoré","Lefebvre","Pinto","Bouzid","Marchetti","Paoli","Santoni","Ould Ahmed","Popescu","Çelik","Yilmaz","Tran","Moreau","Kerbrat","Mendy","Dos Santos","Lemaire","Cissé","El Amrani","Hoarau","Payet","Jean-Louis","Grondin","Bernard","de La Roche","Vasseur","Morvan","Chevalier","Mbappé-Ngono","Belkacem","Rossi","Giraud","Faure","Zerrouki","Abitbol","Okafor","Nowak","Petit","Guerin","Delacroix","Touré","Ba","Lucas","Riviere","Camara","Marty","Bensaïd","Le Bihan","Schmitt","Wagner","Mercier","Coulibaly","Hamidi","Ramassamy","Sinnaswamy","Fontaine"]
def person(sex=None):
    sex = sex or R.choice("MF")
    f = R.choice(FIRST_M if sex=="M" else FIRST_F); l = R.choice(LAST)
    return sex, f, l
STREETS = ["rue Victor Hugo","avenue Jean Jaurès","impasse des Lilas","rue de la République","chemin du Moulin","allée Simone Veil","boulevard Gambetta","rue Pasteur","place du Marché","rue des Écoles","lotissement Les Hauts de Ravine","rue Émile Zola","route de Bastia","cours Napoléon","rue Lamartine","résidence Les Tilleuls, bât. C","rue du Général Leclerc","quai de la Loire","rue Paul Bert","chemin de la Croix Rouge"]
CITIES = [("93100","Montreuil"),("35510","Cesson-Sévigné"),("69008","Lyon"),("13015","Marseille"),("20000","Ajaccio"),("20200","Bastia"),("97400","Saint-Denis"),("97110","Pointe-à-Pitre"),("59000","Lille"),("29200","Brest"),("44000","Nantes"),("31500","Toulouse"),("67100","Strasbourg"),("97200","Fort-de-France"),("76600","Le Havre"),("87000","Limoges"),("33800","Bordeaux"),("21000","Dijon"),("97300","Cayenne"),("63000","Clermont-Ferrand")]
def city(): c = R.choice(CITIES); return f"{c[0]} {c[1]}"
def street(): return f"{R.randint(1,148)}{R.choice(['',' bis','',''])} {R.choice(STREETS)}"
def address(sep=", "): return f"{street()}{sep}{city()}"
COUNTRIES = {"350":"Maroc","352":"Algérie","351":"Tunisie","139":"Portugal","341":"Sénégal","208":"Turquie","243":"Viêt Nam","335":"Mali","326":"Côte d'Ivoire","114":"Roumanie","122":"Pologne","127":"Italie","132":"Espagne"}
DEPTS = ["75","93","69","13","2A","2B","35","29","59","44","31","67","971","972","974","973","99","99","76","87","33","21","63","94","92","01","06"]
def nir_parts(sex=None, year=None, month=None, dept=None):
    sex = sex or R.choice("MF"); s = "1" if sex=="M" else "2"
    yy = year if year is not None else R.randint(1958, 2004)
    mm = month if month is not None else R.randint(1,12)
    d = dept or R.choice(DEPTS)
    if d == "99": com = R.choice(list(COUNTRIES))
    elif len(d)==3: com = f"{R.randint(1,34):02d}"
    else: com = f"{R.randint(1,600):03d}"
    order = f"{R.randint(1,999):03d}"
    body = f"{s}{yy%100:02d}{mm:02d}{d}{com}{order}"
    num = int(body.replace("2A","19").replace("2B","18"))
    key = 97 - num % 97
    return body, f"{key:02d}", dict(year=yy, month=mm, dept=d, com=com, sex=sex)
def nir(**kw):
    b,k,info = nir_parts(**kw); return b+k, info
def dob_from(info, sep="/"):
    day = R.randint(1,28); return f"{day:02d}{sep}{info['month']:02d}{sep}{info['year']}"
def groups(s, sizes, sep=" "):
    out=[]; i=0
    for z in sizes: out.append(s[i:i+z]); i+=z
    if i < len(s): out.append(s[i:])
    return sep.join(out)
def fmt_nir(n, style):
    b, k = n[:13], n[13:]
    if b[5:7] in ("97",) : sizes=[1,2,2,3,2,3,2]
    else: sizes=[1,2,2,2,3,3,2]
    if style=="std": return groups(n, sizes)
    if style=="compact": return n
    if style=="boxes": return " ".join(n)
    if style=="dots": return groups(n, sizes, ".")
    if style=="dashes": return groups(n, sizes, "-")
    if style=="g3": return groups(n,[3,3,3,3,3])
    if style=="g4": return groups(n,[4,4,4,3])
    if style=="g2": return groups(n,[1,2,2,2,2,2,2,2])
    if style=="key_cle": return groups(b, sizes[:-1]) + " clé " + k
    if style=="key_slash": return b + " / " + k
    if style=="key_dash": return groups(b, sizes[:-1]) + " - " + k
    if style=="nokey": return groups(b, sizes[:-1])
    if style=="nokey_compact": return b
    if style=="ocr": return ocr(groups(n, sizes))
    if style=="ocr_compact": return ocr(n)
    if style=="boxes_missing":
        i = R.randint(3, 12); l=list(n); l[i]="_"; return " ".join(l)
    if style=="boxes_double": return "  ".join(n)
    raise ValueError(style)
def ocr(s, p=0.45):
    out=[]
    for c in s:
        if c=="0" and R.random()<p: out.append(R.choice("OoD"))
        elif c=="1" and R.random()<p: out.append(R.choice("lI"))
        elif c=="5" and R.random()<0.15: out.append("S")
        elif c=="8" and R.random()<0.15: out.append("B")
        else: out.append(c)
    return "".join(out)
UNITS="zéro un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize dix-sept dix-huit dix-neuf".split()
TENS={2:"vingt",3:"trente",4:"quarante",5:"cinquante",6:"soixante"}
def fr(n):
    if n<20: return UNITS[n]
    if n<70:
        t,u=divmod(n,10); return TENS[t]+("" if u==0 else (" et un" if u==1 else "-"+UNITS[u]))
    if n<80: return "soixante"+(" et onze" if n==71 else "-"+UNITS[n-60])
    if n==80: return "quatre-vingts"
    return "quatre-vingt-"+UNITS[n-80]
def nir_words(n):
    b=n
    parts=[b[0], b[1:3], b[3:5], b[5:7], b[7:10], b[10:13], b[13:15]]
    w=[UNITS[int(parts[0])]]
    for p in parts[1:]:
        if p in ("2A","2B"): w.append("deux "+p[1]); continue
        if len(p)==2: w.append(("zéro " if p[0]=="0" else "")+fr(int(p)))
        else: w.append(" ".join(UNITS[int(c)] for c in p))
    return ", ".join(w)
def nir_digitwise(n):
    return " ".join(UNITS[int(c)] if c.isdigit() else c for c in n)
def iban():
    bank=f"{R.choice([30004,30003,20041,10278,16606,14505,30002,17515,18206,10107])}"; g=f"{R.randint(0,99999):05d}"
    acc=f"{R.randint(0,10**11-1):011d}"
    rib = 97 - ((89*int(bank)+15*int(g)+3*int(acc))%97)
    bban=f"{bank}{g}{acc}{rib:02d}"
    num=int(bban+"152700"); ck=98-num%97
    return f"FR{ck:02d}{bban}"
def fmt_iban(i, style="std"):
    if style=="std": return " ".join(i[j:j+4] for j in range(0,len(i),4))
    if style=="compact": return i
    if style=="ocr": return ocr(" ".join(i[j:j+4] for j in range(0,len(i),4)),0.3)
    if style=="dashes": return "-".join(i[j:j+4] for j in range(0,len(i),4))
    if style=="rib": return f"{i[:4]} {i[4:9]} {i[9:14]} {i[14:25]} {i[25:]}"
    if style=="typo":
        l=list(i); j=R.randint(6,25); l[j]=str((int(l[j])+1)%10) if l[j].isdigit() else l[j]; return " ".join("".join(l)[j:j+4] for j in range(0,len(l),4))
def phone(style=None, mobile=None):
    d = R.choice(["06","07"]) if mobile!=False else R.choice(["01","02","03","04","05","09"])
    if mobile is None and R.random()<0.3: d=R.choice(["01","02","03","04","05","09"])
    rest=[f"{R.randint(0,99):02d}" for _ in range(4)]
    style = style or R.choice(["sp","sp","dot","compact","intl","intl2","dash","ocr"])
    p=[d]+rest
    if style=="sp": return " ".join(p)
    if style=="dot": return ".".join(p)
    if style=="compact": return "".join(p)
    if style=="dash": return "-".join(p)
    if style=="intl": return "+33 "+d[1]+" "+" ".join(rest)
    if style=="intl2": return "0033 "+d[1]+" "+" ".join(rest)
    if style=="intl3": return "+33(0)"+d[1]+"."+".".join(rest)
    if style=="ocr": return ocr(" ".join(p),0.5)
    if style=="boxes": return " ".join("".join(p))
    if style=="words": return ", ".join(("zéro "+fr(int(x))) if x[0]=="0" else fr(int(x)) for x in p)
def foreign_phone():
    return R.choice([f"+212 6 {R.randint(10,99)} {R.randint(10,99)} {R.randint(10,99)} {R.randint(10,99)}", f"+40 7{R.randint(10,99)} {R.randint(100,999)} {R.randint(100,999)}", f"+351 9{R.randint(10,99)} {R.randint(100,999)} {R.randint(100,999)}", f"+221 77 {R.randint(100,999)} {R.randint(10,99)} {R.randint(10,99)}", f"+90 5{R.randint(10,99)} {R.randint(100,999)} {R.randint(10,99)} {R.randint(10,99)}"])
def email(f,l,dom=None):
    import unicodedata
    n=lambda s: unicodedata.normalize("NFD",s).encode("ascii","ignore").decode().lower().replace(" ","").replace("'","")
    dom = dom or R.choice(["gmail.com","orange.fr","laposte.net","hotmail.fr","free.fr","yahoo.fr","sfr.fr"])
    return R.choice([f"{n(f)}.{n(l)}@{dom}", f"{n(f)[0]}{n(l)}@{dom}", f"{n(l)}.{n(f)}{R.randint(1,99)}@{dom}"])
def matricule(): return R.choice([f"{R.randint(0,99999):06d}", f"M{R.randint(10000,99999)}", f"AG-{R.randint(1000,9999)}", f"{R.randint(100000,999999)}", f"0{R.randint(1000,9999)}"])
def siret(): return f"{R.randint(200,299)} {R.randint(100,999)} {R.randint(100,999)} {R.randint(10000,99999)}"
def siret_c(): return siret().replace(" ","")
MONTHS=["janvier","février","mars","avril","mai","juin","juillet","août","septembre","octobre","novembre","décembre"]
